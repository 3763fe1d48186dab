#pragma once
// Prometheus text exposition: queue depth and jobs by state (read from the database at scrape time),
// judge durations and HTTP requests (counted in this process since it started).
#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

#include "service/db/database.hpp"

namespace arbiter::service {

class Metrics {
 public:
  void observe_judge_seconds(double s);
  void count_request(int status);
  void count_submission() { submissions_.fetch_add(1, std::memory_order_relaxed); }
  void count_rejected_report() { rejected_reports_.fetch_add(1, std::memory_order_relaxed); }
  std::string render(db::Database& db);

 private:
  static constexpr std::array<double, 10> kBuckets{0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300};
  std::mutex mu_;
  std::array<std::uint64_t, kBuckets.size()> bucket_counts_{};
  std::uint64_t judge_count_ = 0;
  double judge_sum_ = 0;
  std::atomic<std::uint64_t> req_2xx_{0}, req_4xx_{0}, req_5xx_{0}, submissions_{0}, rejected_reports_{0};
};

}  // namespace arbiter::service
