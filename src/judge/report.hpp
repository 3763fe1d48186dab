#pragma once
// The signed JSON report (docs/REPORT.md) and its readable table.
#include <nlohmann/json.hpp>

#include <ostream>

#include "core/signing.hpp"
#include "judge/evaluation.hpp"

namespace arbiter::judge {

nlohmann::json to_json(const Evaluation& ev);  // unsigned
nlohmann::json signed_report(const Evaluation& ev, const SigningKey& key);
void print_table(std::ostream& out, const nlohmann::json& report);

}  // namespace arbiter::judge
