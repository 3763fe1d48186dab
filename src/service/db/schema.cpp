// The schema, as an ordered list of migrations shared by SQLite and PostgreSQL. {ID} becomes the
// dialect's auto-increment primary key. Times are integer milliseconds since the Unix epoch (UTC).
// Never edit a migration that has shipped: append a new one.
#include <chrono>
#include <string>
#include <vector>

#include "service/db/database.hpp"

namespace arbiter::service::db {
namespace {

const std::vector<std::vector<std::string>>& migrations() {
  static const std::vector<std::vector<std::string>> all = {
      // 1: users, tokens, workers, problems, leaderboards, submissions, jobs, results, batches
      {
          "CREATE TABLE users (id {ID}, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, banned INTEGER NOT NULL "
          "DEFAULT 0, ban_reason TEXT, created_at BIGINT NOT NULL)",
          "CREATE TABLE tokens (id {ID}, user_id BIGINT NOT NULL REFERENCES users(id), hash TEXT NOT NULL UNIQUE, "
          "created_at BIGINT NOT NULL, expires_at BIGINT, revoked INTEGER NOT NULL DEFAULT 0)",
          "CREATE TABLE worker_keys (user_id BIGINT PRIMARY KEY REFERENCES users(id), public_key TEXT, key_id TEXT, "
          "gpu_kind TEXT, last_seen BIGINT)",
          "CREATE TABLE problems (sha TEXT PRIMARY KEY, name TEXT NOT NULL, ranking TEXT NOT NULL, files TEXT NOT "
          "NULL, created_at BIGINT NOT NULL)",
          "CREATE TABLE leaderboards (id {ID}, name TEXT NOT NULL UNIQUE, problem_sha TEXT NOT NULL REFERENCES "
          "problems(sha), problem_name TEXT NOT NULL, ranking TEXT NOT NULL, deadline BIGINT, visibility TEXT NOT "
          "NULL, rate_limits TEXT NOT NULL, created_at BIGINT NOT NULL)",
          "CREATE TABLE batches (id {ID}, user_id BIGINT NOT NULL REFERENCES users(id), leaderboard_id BIGINT NOT NULL "
          "REFERENCES leaderboards(id), mode TEXT NOT NULL, size BIGINT NOT NULL, created_at BIGINT NOT NULL)",
          "CREATE TABLE submissions (id {ID}, user_id BIGINT NOT NULL REFERENCES users(id), leaderboard_id BIGINT NOT "
          "NULL REFERENCES leaderboards(id), mode TEXT NOT NULL, filename TEXT NOT NULL, source TEXT NOT NULL, sha256 "
          "TEXT NOT NULL, created_at BIGINT NOT NULL, status TEXT NOT NULL, verdict TEXT, reason TEXT, audit_verdict "
          "TEXT, audit TEXT, batch_id BIGINT, batch_index BIGINT, candidate TEXT, finished_at BIGINT)",
          "CREATE INDEX submissions_by_user ON submissions(user_id, leaderboard_id, mode, created_at)",
          "CREATE INDEX submissions_by_board ON submissions(leaderboard_id, mode, status)",
          "CREATE INDEX submissions_by_batch ON submissions(batch_id)",
          "CREATE TABLE jobs (id {ID}, submission_id BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE, "
          "kind TEXT NOT NULL, state TEXT NOT NULL, attempts BIGINT NOT NULL DEFAULT 0, max_attempts BIGINT NOT NULL, "
          "lease_id TEXT, lease_expires BIGINT, worker_id BIGINT, worker_name TEXT, gpu_kind TEXT, created_at BIGINT "
          "NOT NULL, started_at BIGINT, finished_at BIGINT, verdict TEXT, reason TEXT, score_ns DOUBLE PRECISION, "
          "report TEXT, audit TEXT, log TEXT)",
          "CREATE INDEX jobs_by_state ON jobs(state, id)",
          "CREATE INDEX jobs_by_lease ON jobs(state, lease_expires)",
          "CREATE INDEX jobs_by_submission ON jobs(submission_id)",
          // One row per accepted final report: the primary key makes a second acceptance impossible.
          "CREATE TABLE results (job_id BIGINT PRIMARY KEY, submission_id BIGINT NOT NULL, worker_id BIGINT, "
          "accepted_at BIGINT NOT NULL)",
      },
  };
  return all;
}

std::string expand(std::string sql, Dialect d) {
  const std::string id = d == Dialect::sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
  for (auto pos = sql.find("{ID}"); pos != std::string::npos; pos = sql.find("{ID}"))
    sql.replace(pos, 4, id);
  return sql;
}

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

void migrate(Database& db) {
  auto tx = db.begin(true);
  if (db.dialect() == Dialect::postgres) tx->query("SELECT pg_advisory_xact_lock(7274001)");
  tx->query("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)");
  std::int64_t have = tx->scalar("SELECT MAX(version) FROM schema_migrations", {}, 0);
  const auto& all = migrations();
  if (have > static_cast<std::int64_t>(all.size()))
    throw DbError("database schema version " + std::to_string(have) + " is newer than this arbiter (" +
                  std::to_string(all.size()) + "): upgrade arbiter");
  for (std::size_t v = static_cast<std::size_t>(have); v < all.size(); ++v) {
    for (const auto& stmt : all[v]) tx->query(expand(stmt, db.dialect()));
    tx->query("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
              {static_cast<std::int64_t>(v + 1), now_ms()});
  }
  tx->commit();
}

int schema_version(Database& db) {
  auto tx = db.begin(false);
  return static_cast<int>(tx->scalar("SELECT MAX(version) FROM schema_migrations", {}, 0));
}

}  // namespace arbiter::service::db
