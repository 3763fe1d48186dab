#pragma once
// Each rule carries examples that must match and must not match; this runs them through the full
// auditor (so aliasing examples exercise the resolver too) and lists every failure.
#include <string>
#include <vector>

#include "audit/auditor.hpp"

namespace arbiter::audit {

std::vector<std::string> self_test(const Auditor& auditor);

}  // namespace arbiter::audit
