#pragma once
// The auditor's plain data: rules (loaded from rules/*.toml), findings and reports.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace arbiter::audit {

enum class Severity { info = 0, review = 1, reject = 2 };
enum class Language : unsigned { python = 1, cpp = 2 };  // cpp covers CUDA C++ too
constexpr unsigned kAllLanguages = 3;

const char* to_string(Severity s);
const char* to_string(Language l);

struct Rule {
  std::string id, family, description, rationale;
  Severity severity = Severity::review;
  unsigned languages = 0;               // bit set of Language
  std::string regex;                    // linear-time pattern (vectorscan), or
  std::string query;                    // tree-sitter query; the rule fires on capture @hit (or the first)
  std::string trigger;                  // regex that makes a query rule parse the file
  std::string unless;                   // regex: if it matches anywhere in the unit, the rule stays silent
  bool caseless = false;
  std::vector<std::string> must_match, must_not_match;
  std::string origin;                   // "file.toml:line" for error messages
};

// All rules plus the regexes that send a Python file down the slow path (tree-sitter + resolver).
struct RuleSet {
  std::vector<Rule> rules;
  std::vector<std::string> parse_triggers;  // from `[resolver] python_parse_triggers = [...]`
};

struct EmbeddedFile {
  const char* name;
  const char* text;
};
const std::vector<EmbeddedFile>& embedded_rule_files();

struct Finding {
  std::string rule, family, message, file, snippet;
  Severity severity = Severity::info;
  int line = 0, col = 0, end_line = 0;  // 1-based
  std::string via;                      // "", "alias", "embedded-cpp", "decoded" — how the evidence was seen
  std::string suppressed;               // reason given by a suppression comment; empty when not suppressed
};

enum class Verdict { clean, review, reject };
const char* to_string(Verdict v);

struct Report {
  std::string file;
  std::vector<Finding> findings;
  Verdict verdict = Verdict::clean;
  int score = 0;  // 0..100: 100 = certainly a cheat
  std::string error;  // input could not be read
};

}  // namespace arbiter::audit
