#include "audit/query_runner.hpp"

#include <re2/re2.h>

#include <stdexcept>

#include "audit/syntax_tree.hpp"

namespace arbiter::audit {

struct QueryRunner::Compiled {
  uint32_t rule = 0;
  TSQuery* query = nullptr;
  std::vector<std::unique_ptr<RE2>> regexes;  // owned by #match? steps, indexed by string id
  std::vector<int> regex_for_string;
  ~Compiled() {
    if (query) ts_query_delete(query);
  }
};

QueryRunner::QueryRunner() = default;
QueryRunner::~QueryRunner() = default;
QueryRunner::QueryRunner(QueryRunner&&) noexcept = default;
QueryRunner& QueryRunner::operator=(QueryRunner&&) noexcept = default;

void QueryRunner::add(uint32_t rule_index, const Rule& rule, Language lang) {
  if (queries_.size() <= rule_index) queries_.resize(rule_index + 1);
  queries_[rule_index].rule = &rule;
  queries_[rule_index].lang = lang;
}

void QueryRunner::compile_all() const {
  for (uint32_t i = 0; i < queries_.size(); ++i)
    if (queries_[i].rule) get(i);
}

const QueryRunner::Compiled& QueryRunner::get(uint32_t rule_index) const {
  const Entry& entry = queries_[rule_index];
  if (entry.compiled) return *entry.compiled;
  const Rule& rule = *entry.rule;
  Language lang = entry.lang;
  auto c = std::make_unique<Compiled>();
  c->rule = rule_index;
  uint32_t err_offset = 0;
  TSQueryError err = TSQueryErrorNone;
  c->query = ts_query_new(ts_language(lang), rule.query.data(), uint32_t(rule.query.size()), &err_offset, &err);
  if (!c->query)
    throw std::runtime_error(rule.origin + ": rule '" + rule.id + "': query error " + std::to_string(int(err)) +
                             " at offset " + std::to_string(err_offset) + " for " + to_string(lang));
  uint32_t nstrings = ts_query_string_count(c->query);
  c->regex_for_string.assign(nstrings, -1);
  for (uint32_t p = 0; p < ts_query_pattern_count(c->query); ++p) {
    uint32_t nsteps = 0;
    const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(c->query, p, &nsteps);
    for (uint32_t i = 0; i + 2 < nsteps; ++i) {
      if (steps[i].type != TSQueryPredicateStepTypeString) continue;
      uint32_t len = 0;
      std::string_view op = ts_query_string_value_for_id(c->query, steps[i].value_id, &len);
      if ((op == "match?" || op == "not-match?") && steps[i + 2].type == TSQueryPredicateStepTypeString) {
        uint32_t sid = steps[i + 2].value_id;
        auto re = std::make_unique<RE2>(ts_query_string_value_for_id(c->query, sid, &len));
        if (!re->ok()) throw std::runtime_error(rule.origin + ": rule '" + rule.id + "': bad #match? regex");
        c->regex_for_string[sid] = int(c->regexes.size());
        c->regexes.push_back(std::move(re));
      }
    }
  }
  entry.compiled = std::move(c);
  return *entry.compiled;
}

bool QueryRunner::has(uint32_t rule_index) const { return rule_index < queries_.size() && queries_[rule_index].rule; }

namespace {
std::string_view capture_text(const TSQueryMatch& m, uint32_t id, std::string_view src) {
  for (uint16_t i = 0; i < m.capture_count; ++i)
    if (m.captures[i].index == id) return node_text(m.captures[i].node, src);
  return {};
}
}  // namespace

void QueryRunner::run(uint32_t rule_index, TSNode root, std::string_view src, std::vector<QueryHit>& out) const {
  const Compiled& c = get(rule_index);
  TSQueryCursor* cur = ts_query_cursor_new();
  ts_query_cursor_set_match_limit(cur, 256);
  ts_query_cursor_exec(cur, c.query, root);
  TSQueryMatch m;
  size_t found = 0;
  while (ts_query_cursor_next_match(cur, &m) && found < 64) {
    uint32_t nsteps = 0;
    const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(c.query, m.pattern_index, &nsteps);
    bool ok = true;
    // Predicates are sequences: op, arg, arg, Done.
    for (uint32_t i = 0; ok && i + 2 < nsteps; ++i) {
      if (steps[i].type != TSQueryPredicateStepTypeString) continue;
      if (i > 0 && steps[i - 1].type != TSQueryPredicateStepTypeDone) continue;
      uint32_t len = 0;
      std::string_view op = ts_query_string_value_for_id(c.query, steps[i].value_id, &len);
      const auto& a = steps[i + 1];
      const auto& b = steps[i + 2];
      if (a.type != TSQueryPredicateStepTypeCapture) continue;
      std::string_view lhs = capture_text(m, a.value_id, src);
      std::string_view rhs = b.type == TSQueryPredicateStepTypeCapture
                                 ? capture_text(m, b.value_id, src)
                                 : std::string_view(ts_query_string_value_for_id(c.query, b.value_id, &len));
      if (op == "eq?") ok = lhs == rhs;
      else if (op == "not-eq?") ok = lhs != rhs;
      else if ((op == "match?" || op == "not-match?") && b.type == TSQueryPredicateStepTypeString) {
        int ri = c.regex_for_string[b.value_id];
        bool hit = ri >= 0 && RE2::PartialMatch(re2::StringPiece(lhs.data(), lhs.size()), *c.regexes[size_t(ri)]);
        ok = op == "match?" ? hit : !hit;
      }
    }
    if (!ok || m.capture_count == 0) continue;
    TSNode at = m.captures[0].node;
    for (uint16_t i = 0; i < m.capture_count; ++i) {
      uint32_t len = 0;
      if (std::string_view(ts_query_capture_name_for_id(c.query, m.captures[i].index, &len)) == "hit")
        at = m.captures[i].node;
    }
    out.push_back({rule_index, at});
    ++found;
  }
  ts_query_cursor_delete(cur);
}

}  // namespace arbiter::audit
