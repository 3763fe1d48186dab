#include "audit/auditor.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <unordered_set>

#include "audit/match_start.hpp"
#include "audit/precompiled_db.hpp"
#include "audit/python_resolver.hpp"
#include "audit/python_strings.hpp"
#include "audit/query_runner.hpp"
#include "audit/regex_scanner.hpp"
#include "audit/suppression.hpp"
#include "audit/syntax_tree.hpp"

namespace arbiter::audit {
namespace {

// Tags attached to vectorscan patterns: rule index * 4 + kind; parse triggers are above kTriggerBase.
enum Kind : uint32_t { kRegex = 0, kUnless = 1, kQueryTrigger = 2 };
constexpr uint32_t kTriggerBase = 0x40000000;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Byte offset -> (line, col), built lazily: most files have no match at all.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {}
  std::pair<int, int> at(size_t off) {
    if (starts_.empty()) {
      starts_.push_back(0);
      for (size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') starts_.push_back(i + 1);
    }
    auto it = std::upper_bound(starts_.begin(), starts_.end(), off);
    size_t line = size_t(it - starts_.begin());
    return {int(line), int(off - starts_[line - 1]) + 1};
  }
  std::string_view line_text(int line) {
    at(0);
    if (line < 1 || size_t(line) > starts_.size()) return {};
    size_t b = starts_[size_t(line) - 1];
    size_t e = text_.find('\n', b);
    return text_.substr(b, (e == std::string_view::npos ? text_.size() : e) - b);
  }

 private:
  std::string_view text_;
  std::vector<size_t> starts_;
};

std::string snippet_of(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  std::string s(line.substr(0, 200));
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') c = '?';
  return s;
}

}  // namespace

Language guess_language(std::string_view name, std::string_view text) {
  for (const char* ext : {".cu", ".cuh", ".cpp", ".cc", ".cxx", ".c", ".h", ".hpp", ".hh"})
    if (ends_with(name, ext)) return Language::cpp;
  if (ends_with(name, ".py")) return Language::python;
  // No telling extension (archive members, JSONL records): C++ has includes or kernels, Python imports.
  bool cppish = text.find("#include") != std::string_view::npos || text.find("__global__") != std::string_view::npos;
  bool pyish = text.find("import ") != std::string_view::npos || text.find("def ") != std::string_view::npos;
  return cppish && !pyish ? Language::cpp : Language::python;
}

struct Auditor::Impl {
  RuleSet set;
  AuditOptions opts;
  struct Engine {
    RegexScanner scanner;
    QueryRunner queries;
  } engines[2];  // [0] python, [1] cpp
  mutable Stats stats;
  bool precompiled = false;
  MatchStart starts;

  Engine& engine(Language l) { return engines[l == Language::python ? 0 : 1]; }
  const Engine& engine(Language l) const { return engines[l == Language::python ? 0 : 1]; }

  // One view of a submission: the raw text, a string embedded in it, canonical lines, or a decoded payload.
  struct Hits {
    std::set<uint32_t> unless;          // rules silenced in this submission
    std::set<uint32_t> query_triggers;  // query rules worth running
    bool parse = false;
  };

  void add_finding(std::vector<Finding>& out, uint32_t rule, int line, int col, int end_line, std::string_view snippet,
                   const char* via, const std::string& file) const {
    const Rule& r = set.rules[rule];
    Finding f;
    f.rule = r.id;
    f.family = r.family;
    f.severity = r.severity;
    f.file = file;
    f.line = line, f.col = col, f.end_line = std::max(line, end_line);
    f.snippet = snippet_of(snippet);
    f.via = via;
    f.message = r.description;
    if (*via) f.message += std::string(" (seen ") + (std::string_view(via) == "alias" ? "through aliasing/indirection"
                                                : std::string_view(via) == "decoded" ? "in a decoded exec/eval payload"
                                                                                     : "in embedded C++/CUDA source") + ")";
    out.push_back(std::move(f));
  }

  // Scans `text` with the regex database of `lang`; regex hits become findings mapped by `map`.
  template <class Map>
  void scan(Language lang, std::string_view text, Hits& hits, std::vector<Finding>& out, const char* via,
            const std::string& /*file*/, Map&& map) const {
    std::vector<RegexMatch> ms;
    engine(lang).scanner.scan(text, ms);
    for (auto& m : ms) {
      if (m.tag >= kTriggerBase) {
        hits.parse = true;
        continue;
      }
      uint32_t rule = m.tag / 4, kind = m.tag % 4;
      if (kind == kUnless) hits.unless.insert(rule);
      else if (kind == kQueryTrigger) hits.query_triggers.insert(rule);
      else map(rule, m.from, m.to, out, via);
    }
  }

  void audit_unit(Language lang, std::string_view text, const std::string& file, int depth, Hits& hits,
                  std::vector<Finding>& out) const {
    LineIndex idx(text);
    auto raw_map = [&](size_t base) {
      return [&, base](uint32_t rule, uint64_t from, uint64_t to, std::vector<Finding>& o, const char* via) {
        if (from == to) {  // no start offset from the scanner: find it (rare: only for findings)
          const Rule& r = set.rules[rule];
          std::string_view view = text.substr(base);
          from = starts.find(rule, r.regex, r.caseless, view, size_t(to));
        }
        // Patterns often begin with a boundary class (`(?:^|[^.\w])exec`): point at the token, not the boundary.
        while (from + 1 < to && (text[base + from] == '\n' || text[base + from] == ' ' || text[base + from] == '\t')) ++from;
        auto [line, col] = idx.at(base + from);
        auto end = idx.at(base + (to > from ? to - 1 : to)).first;
        add_finding(o, rule, line, col, end, idx.line_text(line), via, file);
      };
    };
    scan(lang, text, hits, out, "", file, raw_map(0));
    if (lang == Language::python) {
      // C++/CUDA inside Python strings (load_inline, cupy.RawKernel...): C++ rules, exact positions.
      std::vector<PyStringLiteral> strs;
      std::vector<PyComment> comments;
      lex_python(text, strs, comments);
      for (auto& s : strs) {
        std::string_view body = text.substr(s.content_begin, s.content_end - s.content_begin);
        if (!s.fstring && looks_like_cpp(body)) scan(Language::cpp, body, hits, out, "embedded-cpp", file, raw_map(s.content_begin));
      }
    }
    if (!hits.parse && hits.query_triggers.empty()) return;
    Tree tree = parse(lang, text);
    if (!tree) return;
    ++stats.parsed;
    TSNode root = ts_tree_root_node(tree.get());
    for (uint32_t rule : hits.query_triggers) {
      if (!engine(lang).queries.has(rule)) continue;
      std::vector<QueryHit> qh;
      engine(lang).queries.run(rule, root, text, qh);
      for (auto& h : qh) {
        TSPoint a = ts_node_start_point(h.node), b = ts_node_end_point(h.node);
        add_finding(out, rule, int(a.row) + 1, int(a.column) + 1, int(b.row) + 1, idx.line_text(int(a.row) + 1), "", file);
      }
    }
    if (lang != Language::python || !hits.parse) return;
    ResolvedPython res = resolve_python(root, text);
    std::string canon;
    std::vector<size_t> line_starts;
    for (auto& l : res.lines) {
      line_starts.push_back(canon.size());
      canon += l.text;
      canon += '\n';
    }
    size_t direct = out.size();
    scan(Language::python, canon, hits, out, "alias", file,
         [&](uint32_t rule, uint64_t from, uint64_t, std::vector<Finding>& o, const char* via) {
           size_t i = size_t(std::upper_bound(line_starts.begin(), line_starts.end(), from) - line_starts.begin()) - 1;
           const auto& l = res.lines[i];
           // Seen directly somewhere in the same statement already: the canonical view adds nothing.
           for (size_t k = 0; k < direct; ++k)
             if (o[k].rule == set.rules[rule].id && o[k].line >= l.line && o[k].line <= l.end_line) return;
           add_finding(o, rule, l.line, l.col, l.end_line, idx.line_text(l.line), via, file);
         });
    if (depth >= opts.max_decode_depth) return;
    for (auto& p : res.payloads) {
      std::vector<Finding> inner;
      Hits inner_hits;
      Language pl = guess_language("", p.code);
      audit_unit(pl, p.code, file, depth + 1, inner_hits, inner);
      hits.unless.insert(inner_hits.unless.begin(), inner_hits.unless.end());
      for (auto& f : inner) {
        f.line = f.end_line = p.line;
        f.col = p.col;
        f.snippet = snippet_of(idx.line_text(p.line));
        if (f.via != "decoded") f.message += " (seen in a decoded exec/eval payload)";
        f.via = "decoded";
        out.push_back(std::move(f));
      }
    }
  }
};

Auditor::Auditor(RuleSet rules, AuditOptions opts) : impl_(std::make_unique<Impl>()) {
  impl_->set = std::move(rules);
  impl_->opts = opts;
  auto& rs = impl_->set.rules;
  for (uint32_t i = 0; i < rs.size(); ++i) {
    for (Language l : {Language::python, Language::cpp}) {
      if (!(rs[i].languages & unsigned(l))) continue;
      auto& e = impl_->engine(l);
      if (!rs[i].regex.empty()) e.scanner.add(rs[i].regex, i * 4 + kRegex, rs[i].caseless);
      if (!rs[i].unless.empty()) e.scanner.add(rs[i].unless, i * 4 + kUnless);
      if (!rs[i].query.empty()) {
        e.scanner.add(rs[i].trigger, i * 4 + kQueryTrigger);
        e.queries.add(i, rs[i], l);
      }
    }
  }
  for (uint32_t i = 0; i < impl_->set.parse_triggers.size(); ++i)
    impl_->engine(Language::python).scanner.add(impl_->set.parse_triggers[i], kTriggerBase + i);
  impl_->precompiled = true;
  for (Language l : {Language::python, Language::cpp}) {
    auto& sc = impl_->engine(l).scanner;
    PrecompiledDb pre = precompiled_db(l);
    if (pre.fingerprint == sc.fingerprint() && sc.load(std::string_view(pre.bytes, pre.size))) continue;
    impl_->precompiled = false;
    try {
      sc.compile();
    } catch (const RegexCompileError& e) {
      if (e.tag >= kTriggerBase) throw std::runtime_error(std::string("[resolver] parse trigger: ") + e.what());
      const Rule& r = rs[e.tag / 4];
      const char* what[] = {"regex", "unless", "trigger", "?"};
      throw std::runtime_error(r.origin + ": rule '" + r.id + "': bad " + what[e.tag % 4] + ": " + e.what());
    }
  }
}

std::string Auditor::serialized_db(Language l) const { return impl_->engine(l).scanner.serialize(); }
uint64_t Auditor::db_fingerprint(Language l) const { return impl_->engine(l).scanner.fingerprint(); }
bool Auditor::used_precompiled_db() const { return impl_->precompiled; }
void Auditor::compile_queries() const {
  for (auto& e : impl_->engines) e.queries.compile_all();
}
Auditor::~Auditor() = default;
Auditor::Auditor(Auditor&&) noexcept = default;

const std::vector<Rule>& Auditor::rules() const { return impl_->set.rules; }
Auditor::Stats Auditor::stats() const { return impl_->stats; }

Report Auditor::audit(const std::string& name, std::string_view text, std::optional<Language> lang) const {
  Report rep;
  rep.file = name;
  ++impl_->stats.files;
  if (text.size() > impl_->opts.max_file_bytes) {
    rep.error = "file is " + std::to_string(text.size()) + " bytes, over the limit of " +
                std::to_string(impl_->opts.max_file_bytes);
    return rep;
  }
  Language l = lang ? *lang : guess_language(name, text);
  Impl::Hits hits;
  std::vector<Finding> all;
  impl_->audit_unit(l, text, name, 0, hits, all);
  // Keep one finding per (rule, line); drop rules whose `unless` evidence exists in the submission.
  std::set<std::pair<std::string, int>> seen;
  for (auto& f : all) {
    uint32_t idx = 0;
    for (; idx < impl_->set.rules.size() && impl_->set.rules[idx].id != f.rule; ++idx) {
    }
    if (idx < impl_->set.rules.size() && hits.unless.count(idx)) continue;
    if (!seen.insert({f.rule, f.line}).second) continue;
    rep.findings.push_back(std::move(f));
  }
  apply_suppressions(find_suppressions(text), rep.findings, name);
  std::stable_sort(rep.findings.begin(), rep.findings.end(),
                   [](const Finding& a, const Finding& b) { return std::tie(a.line, a.col) < std::tie(b.line, b.col); });
  rep.verdict = verdict_of(rep.findings);
  rep.score = score_of(rep.findings);
  return rep;
}

Verdict verdict_of(const std::vector<Finding>& findings) {
  Verdict v = Verdict::clean;
  for (auto& f : findings) {
    if (f.severity == Severity::reject) return Verdict::reject;
    if (f.severity == Severity::review) v = Verdict::review;
  }
  return v;
}

int score_of(const std::vector<Finding>& findings) {
  // Evidence adds up but saturates: one reject-level finding is already 70, certainty needs more.
  int s = 0;
  for (auto& f : findings) s += f.severity == Severity::reject ? 70 : f.severity == Severity::review ? 20 : 2;
  return std::min(s, 100);
}

}  // namespace arbiter::audit
