#pragma once
// The auditor: all rules compiled once (one vectorscan database per language, tree-sitter queries),
// then audit() per submission. One Auditor per thread (scratch space and parsers are not shared).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/rule.hpp"

namespace arbiter::audit {

struct AuditOptions {
  size_t max_file_bytes = 4u << 20;  // larger submissions are an input error, not scanned
  int max_decode_depth = 3;          // exec(b64decode(exec(...))) nesting followed this deep
};

// Guesses the language from the file name, then from the content.
Language guess_language(std::string_view name, std::string_view text);

class Auditor {
 public:
  explicit Auditor(RuleSet rules, AuditOptions opts = {});
  ~Auditor();
  Auditor(Auditor&&) noexcept;

  Report audit(const std::string& name, std::string_view text, std::optional<Language> lang = std::nullopt) const;
  const std::vector<Rule>& rules() const;

  // The regex databases, serialized, and the fingerprints of their pattern sets (for the build step
  // that embeds them; see precompiled_db.hpp).
  std::string serialized_db(Language l) const;
  uint64_t db_fingerprint(Language l) const;
  bool used_precompiled_db() const;
  void compile_queries() const;  // checks every structural query now (normally compiled on first use)

  // Counters for the benchmark: how often the slow path (tree-sitter) ran.
  struct Stats {
    size_t files = 0, parsed = 0;
  };
  Stats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

Verdict verdict_of(const std::vector<Finding>& findings);
int score_of(const std::vector<Finding>& findings);

}  // namespace arbiter::audit
