#pragma once
// Reads rule files (TOML, one per family) and validates every field, with file:line errors.
#include <stdexcept>
#include <string>
#include <vector>

#include "audit/rule.hpp"

namespace arbiter::audit {

struct RuleError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parse one rule file; `name` is used in error messages. Throws RuleError.
RuleSet load_rule_text(const std::string& name, const std::string& text);
// The rules built into the binary, or every *.toml in `dir` when dir is non-empty.
RuleSet load_rules(const std::string& dir = "");

}  // namespace arbiter::audit
