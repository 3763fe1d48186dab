#include "service/leaderboard.hpp"

#include <cmath>
#include <set>

namespace arbiter::service::leaderboard {

std::vector<Entry> rank(db::Tx& tx, std::int64_t leaderboard_id) {
  auto rows = tx.query(
      "SELECT s.id, u.name, s.created_at, s.audit_verdict, j.score_ns, j.gpu_kind FROM submissions s "
      "JOIN users u ON u.id = s.user_id JOIN jobs j ON j.submission_id = s.id AND j.kind IN ('secret', 'ranked') "
      "WHERE s.leaderboard_id = ? AND s.mode IN ('leaderboard', 'ranked') AND s.status = 'done' AND s.verdict = 'pass' "
      "AND (s.audit_verdict IS NULL OR s.audit_verdict <> 'reject') AND u.banned = 0 AND j.verdict = 'pass' "
      "AND j.score_ns IS NOT NULL ORDER BY j.gpu_kind, j.score_ns, s.created_at, s.id",
      {leaderboard_id});
  std::vector<Entry> out;
  std::set<std::pair<std::string, std::string>> seen;
  std::string gpu;
  int rank_in_gpu = 0;
  for (const auto& r : rows) {
    Entry e;
    e.submission_id = r.i64(0);
    e.user = r.str(1);
    e.created_at = r.i64(2);
    e.audit_verdict = r.str(3);
    e.score_ns = r.f64(4);
    e.gpu_kind = r.str(5);
    if (!seen.insert({e.user, e.gpu_kind}).second) continue;
    if (e.gpu_kind != gpu) {
      gpu = e.gpu_kind;
      rank_in_gpu = 0;
    }
    e.rank = ++rank_in_gpu;
    out.push_back(std::move(e));
  }
  return out;
}

std::optional<double> score_of(const nlohmann::json& report, const std::string& ranking) {
  std::vector<double> means;
  if (report.contains("benchmarks") && report["benchmarks"].is_array())
    for (const auto& b : report["benchmarks"])
      if (b.is_object() && b.contains("mean_ns") && b["mean_ns"].is_number() && b["mean_ns"].get<double>() > 0)
        means.push_back(b["mean_ns"].get<double>());
  if (!means.empty()) {
    if (ranking == "mean") {
      double s = 0;
      for (double m : means) s += m;
      return s / static_cast<double>(means.size());
    }
    if (ranking == "geom") {
      double s = 0;
      for (double m : means) s += std::log(m);
      return std::exp(s / static_cast<double>(means.size()));
    }
    return means.back();
  }
  if (report.contains("score_ns") && report["score_ns"].is_number()) return report["score_ns"].get<double>();
  return std::nullopt;
}

nlohmann::json to_json(const std::vector<Entry>& entries) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& e : entries)
    arr.push_back({{"rank", e.rank},
                   {"user", e.user},
                   {"gpu_kind", e.gpu_kind},
                   {"score_ns", e.score_ns},
                   {"submission_id", e.submission_id},
                   {"submitted_at", e.created_at},
                   {"audit", e.audit_verdict}});
  return arr;
}

}  // namespace arbiter::service::leaderboard
