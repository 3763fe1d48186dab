#pragma once
// The durable job queue. Jobs are rows; a worker claims the oldest queued job with a lease
// (FOR UPDATE SKIP LOCKED on PostgreSQL, the single writer transaction on SQLite), extends it by
// heartbeats, and finishes it with a report. A lease that expires puts the job back in the queue
// until max_attempts, after which the job ends with verdict `error`. A job's final report is
// accepted at most once (results.job_id is a primary key and the lease id must match).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/db/database.hpp"

namespace arbiter::service::queue {

// Job kinds per submission mode: test -> test; benchmark -> benchmark;
// leaderboard -> public (published seeds) and secret (a seed only the judge knows).
std::vector<std::string> kinds_for_mode(const std::string& mode);

void enqueue(db::Tx& tx, std::int64_t submission_id, const std::string& mode, int max_attempts);

struct Claimed {
  std::int64_t job_id = 0, submission_id = 0, lease_expires = 0;
  int attempts = 0;
  std::string kind, lease_id, mode, filename, source, sha256, problem_sha, leaderboard;
};

std::optional<Claimed> claim(db::Database& db, std::int64_t worker_id, const std::string& worker_name,
                             const std::string& gpu_kind, int lease_ms);

enum class Lease { ok, lost, gone };
const char* to_string(Lease l);

Lease heartbeat(db::Database& db, std::int64_t job_id, const std::string& lease_id, int lease_ms);

struct Outcome {
  std::string verdict, reason, report, audit, audit_verdict, log;
  std::optional<double> score_ns;
};
// Writes the final report if the lease is still held. Rolls the submission up when its last job ends.
Lease complete(db::Database& db, std::int64_t job_id, const std::string& lease_id, std::int64_t worker_id,
               const Outcome& outcome);

// The judge failed (crashed, killed, no report): requeue, or end with `error` after max_attempts.
Lease fail(db::Database& db, std::int64_t job_id, const std::string& lease_id, const std::string& why,
           const std::string& log);

// Requeues (or gives up) every job whose lease expired. Returns how many it touched.
int reap_expired(db::Database& db);

// Marks the submission done (with its overall verdict) once all its jobs are done.
void rollup(db::Tx& tx, std::int64_t submission_id);

// Orders audit verdicts: reject > review > clean > unavailable > "".
int audit_rank(const std::string& verdict);

}  // namespace arbiter::service::queue
