#include "service/metrics.hpp"

#include <map>
#include <sstream>

namespace arbiter::service {

void Metrics::observe_judge_seconds(double s) {
  std::lock_guard g(mu_);
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (s <= kBuckets[i]) ++bucket_counts_[i];
  ++judge_count_;
  judge_sum_ += s;
}

void Metrics::count_request(int status) {
  if (status >= 500)
    req_5xx_.fetch_add(1, std::memory_order_relaxed);
  else if (status >= 400)
    req_4xx_.fetch_add(1, std::memory_order_relaxed);
  else
    req_2xx_.fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::render(db::Database& db) {
  std::map<std::string, std::int64_t> states{{"queued", 0}, {"running", 0}, {"done", 0}};
  std::int64_t subs_queued = 0;
  {
    auto tx = db.begin(false);
    for (const auto& r : tx->query("SELECT state, COUNT(*) FROM jobs GROUP BY state")) states[r.str(0)] = r.i64(1);
    subs_queued = tx->scalar("SELECT COUNT(*) FROM submissions WHERE status <> 'done'");
  }
  std::ostringstream o;
  o << "# HELP arbiter_queue_depth Jobs waiting for a worker.\n# TYPE arbiter_queue_depth gauge\n"
    << "arbiter_queue_depth " << states["queued"] << "\n";
  o << "# HELP arbiter_jobs Jobs by state.\n# TYPE arbiter_jobs gauge\n";
  for (const auto& [state, n] : states) o << "arbiter_jobs{state=\"" << state << "\"} " << n << "\n";
  o << "# HELP arbiter_submissions_unfinished Submissions not yet done.\n# TYPE arbiter_submissions_unfinished gauge\n"
    << "arbiter_submissions_unfinished " << subs_queued << "\n";
  {
    std::lock_guard g(mu_);
    o << "# HELP arbiter_judge_duration_seconds Time from claim to accepted report.\n"
      << "# TYPE arbiter_judge_duration_seconds histogram\n";
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      o << "arbiter_judge_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << bucket_counts_[i] << "\n";
    o << "arbiter_judge_duration_seconds_bucket{le=\"+Inf\"} " << judge_count_ << "\n"
      << "arbiter_judge_duration_seconds_sum " << judge_sum_ << "\n"
      << "arbiter_judge_duration_seconds_count " << judge_count_ << "\n";
  }
  o << "# HELP arbiter_http_requests_total HTTP responses by status class.\n# TYPE arbiter_http_requests_total counter\n"
    << "arbiter_http_requests_total{class=\"2xx\"} " << req_2xx_.load() << "\n"
    << "arbiter_http_requests_total{class=\"4xx\"} " << req_4xx_.load() << "\n"
    << "arbiter_http_requests_total{class=\"5xx\"} " << req_5xx_.load() << "\n";
  o << "# HELP arbiter_submissions_accepted_total Submissions accepted since start.\n"
    << "# TYPE arbiter_submissions_accepted_total counter\narbiter_submissions_accepted_total " << submissions_.load()
    << "\n";
  o << "# HELP arbiter_reports_rejected_total Worker reports refused (bad signature, lost lease).\n"
    << "# TYPE arbiter_reports_rejected_total counter\narbiter_reports_rejected_total " << rejected_reports_.load()
    << "\n";
  return o.str();
}

}  // namespace arbiter::service
