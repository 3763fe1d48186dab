#pragma once
// Per-line suppressions: `# arbiter-audit: allow <rule-id>[,<rule-id>] -- <reason>` (or `//` in C++).
// A reason is required; a suppression never hides a finding, it lowers its severity one step
// (reject -> review, review -> info) and the reason is printed beside it for the reviewer.
#include <string>
#include <string_view>
#include <vector>

#include "audit/rule.hpp"

namespace arbiter::audit {

struct Suppression {
  int line = 0;
  std::vector<std::string> rules;
  std::string reason;  // empty: malformed (no reason given)
};

std::vector<Suppression> find_suppressions(std::string_view src);
// Applies suppressions to findings; adds a review finding for each suppression without a reason.
void apply_suppressions(const std::vector<Suppression>& sups, std::vector<Finding>& findings, const std::string& file);

}  // namespace arbiter::audit
