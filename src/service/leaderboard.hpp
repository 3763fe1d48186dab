#pragma once
// Ranking. Only leaderboard-mode submissions whose public and secret runs both passed, whose audit
// did not reject them and whose author is not banned are ranked; the score is the secret run's,
// aggregated over its benchmark means by the problem's ranking (last | mean | geom). One entry per
// user per GPU kind (their best); ties go to the earlier submission.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/db/database.hpp"

namespace arbiter::service::leaderboard {

struct Entry {
  int rank = 0;
  std::string user, gpu_kind, audit_verdict;
  double score_ns = 0;
  std::int64_t submission_id = 0, created_at = 0;
};

std::vector<Entry> rank(db::Tx& tx, std::int64_t leaderboard_id);

// Aggregates a report's benchmark means by `ranking`; falls back to the report's own score_ns.
std::optional<double> score_of(const nlohmann::json& report, const std::string& ranking);

nlohmann::json to_json(const std::vector<Entry>& entries);

}  // namespace arbiter::service::leaderboard
