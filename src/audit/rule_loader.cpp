#include "audit/rule_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace arbiter::audit {
namespace {

std::string where(const std::string& name, const toml::node& n) {
  return name + ":" + std::to_string(n.source().begin.line);
}

std::string req_string(const std::string& name, const toml::table& t, const char* key) {
  auto v = t[key].value<std::string>();
  if (!v || v->empty())
    throw RuleError(where(name, t) + ": rule field '" + key + "' is missing or not a non-empty string");
  return *v;
}

std::vector<std::string> string_list(const std::string& name, const toml::table& t, const char* key) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  const toml::array* a = n->as_array();
  if (!a) throw RuleError(where(name, *n) + ": '" + key + "' must be an array of strings");
  for (auto& e : *a) {
    auto s = e.value<std::string>();
    if (!s) throw RuleError(where(name, e) + ": '" + key + "' must hold strings only");
    out.push_back(*s);
  }
  return out;
}

Severity parse_severity(const std::string& name, const toml::table& t) {
  std::string s = req_string(name, t, "severity");
  if (s == "reject") return Severity::reject;
  if (s == "review") return Severity::review;
  if (s == "info") return Severity::info;
  throw RuleError(where(name, t) + ": severity '" + s + "' is not one of reject, review, info");
}

unsigned parse_languages(const std::string& name, const toml::table& t) {
  unsigned mask = 0;
  for (auto& l : string_list(name, t, "languages")) {
    if (l == "python") mask |= unsigned(Language::python);
    else if (l == "cpp" || l == "cuda") mask |= unsigned(Language::cpp);
    else throw RuleError(where(name, t) + ": language '" + l + "' is not one of python, cpp, cuda");
  }
  if (!mask) throw RuleError(where(name, t) + ": 'languages' must list at least one language");
  return mask;
}

}  // namespace

const char* to_string(Severity s) {
  switch (s) {
    case Severity::reject: return "reject";
    case Severity::review: return "review";
    default: return "info";
  }
}
const char* to_string(Language l) { return l == Language::python ? "python" : "cpp"; }
const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::reject: return "reject";
    case Verdict::review: return "review";
    default: return "clean";
  }
}

RuleSet load_rule_text(const std::string& name, const std::string& text) {
  toml::table doc;
  try {
    doc = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << name << ":" << e.source().begin.line << ": TOML error: " << e.description();
    throw RuleError(msg.str());
  }
  auto family = doc["family"].value<std::string>();
  if (!family) throw RuleError(name + ":1: missing top-level 'family = \"...\"'");
  const toml::array* rules = doc["rule"].as_array();
  if (!rules || rules->empty()) throw RuleError(name + ":1: no [[rule]] tables");
  RuleSet set;
  if (const toml::table* res = doc["resolver"].as_table())
    set.parse_triggers = string_list(name, *res, "python_parse_triggers");
  std::vector<Rule>& out = set.rules;
  for (auto& node : *rules) {
    const toml::table* t = node.as_table();
    if (!t) throw RuleError(where(name, node) + ": [[rule]] must be a table");
    Rule r;
    r.origin = where(name, *t);
    r.family = *family;
    r.id = req_string(name, *t, "id");
    r.severity = parse_severity(name, *t);
    r.languages = parse_languages(name, *t);
    r.description = req_string(name, *t, "description");
    r.rationale = req_string(name, *t, "rationale");
    r.regex = t->at_path("regex").value_or(std::string{});
    r.query = t->at_path("query").value_or(std::string{});
    r.trigger = t->at_path("trigger").value_or(std::string{});
    r.unless = t->at_path("unless").value_or(std::string{});
    r.caseless = t->at_path("caseless").value_or(false);
    r.must_match = string_list(name, *t, "match");
    r.must_not_match = string_list(name, *t, "no_match");
    if (r.regex.empty() == r.query.empty())
      throw RuleError(r.origin + ": rule '" + r.id + "' needs exactly one of 'regex' or 'query'");
    if (!r.query.empty() && r.trigger.empty())
      throw RuleError(r.origin + ": query rule '" + r.id + "' needs a 'trigger' regex (when to parse)");
    if (r.must_match.empty())
      throw RuleError(r.origin + ": rule '" + r.id + "' needs at least one 'match' example");
    for (auto& [k, v] : *t) {
      static const std::set<std::string> known = {"id", "severity", "languages", "description", "rationale",
          "regex", "query", "trigger", "unless", "caseless", "match", "no_match"};
      if (!known.count(std::string(k.str())))
        throw RuleError(where(name, v) + ": unknown rule field '" + std::string(k.str()) + "'");
    }
    out.push_back(std::move(r));
  }
  return set;
}

RuleSet load_rules(const std::string& dir) {
  RuleSet all;
  auto add = [&all](RuleSet&& part) {
    all.rules.insert(all.rules.end(), part.rules.begin(), part.rules.end());
    all.parse_triggers.insert(all.parse_triggers.end(), part.parse_triggers.begin(), part.parse_triggers.end());
  };
  if (dir.empty()) {
    for (auto& f : embedded_rule_files()) {
      add(load_rule_text(f.name, f.text));
    }
  } else {
    std::vector<std::filesystem::path> files;
    for (auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().extension() == ".toml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (auto& p : files) {
      std::ifstream in(p);
      std::stringstream ss;
      ss << in.rdbuf();
      add(load_rule_text(p.filename().string(), ss.str()));
    }
  }
  std::set<std::string> ids;
  for (auto& r : all.rules)
    if (!ids.insert(r.id).second) throw RuleError(r.origin + ": duplicate rule id '" + r.id + "'");
  return all;
}

}  // namespace arbiter::audit
