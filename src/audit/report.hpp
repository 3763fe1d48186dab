#pragma once
// Printing only: a readable table for people, JSON for machines (format in docs/AUDIT.md).
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/rule.hpp"

namespace arbiter::audit {

struct InputProblem {
  std::string where, what;
};

nlohmann::json finding_json(const Finding& f);
nlohmann::json report_json(const Report& r);
// Many reports: overall verdict (the worst), score (the highest), all findings, per-file summary.
nlohmann::json summary_json(const std::vector<Report>& reports, const std::vector<InputProblem>& problems);
void print_table(std::ostream& out, const Report& r, bool color);
void print_totals(std::ostream& out, const std::vector<Report>& reports, const std::vector<InputProblem>& problems);

}  // namespace arbiter::audit
