#include "service/queue.hpp"

#include "service/util.hpp"

namespace arbiter::service::queue {

std::vector<std::string> kinds_for_mode(const std::string& mode) {
  if (mode == "test") return {"test"};
  if (mode == "benchmark") return {"benchmark"};
  if (mode == "leaderboard") return {"public", "secret"};
  // test, benchmark and leaderboard (secret seed) in one judge run and one warm contestant.
  if (mode == "ranked") return {"ranked"};
  return {};
}

const char* to_string(Lease l) {
  switch (l) {
    case Lease::ok: return "ok";
    case Lease::lost: return "lost";
    case Lease::gone: return "gone";
  }
  return "?";
}

int audit_rank(const std::string& v) {
  if (v == "reject") return 4;
  if (v == "review") return 3;
  if (v == "clean") return 2;
  if (v == "unavailable") return 1;
  return 0;
}

void enqueue(db::Tx& tx, std::int64_t submission_id, const std::string& mode, int max_attempts) {
  std::int64_t now = now_ms();
  for (const auto& kind : kinds_for_mode(mode))
    tx.query("INSERT INTO jobs (submission_id, kind, state, max_attempts, created_at) VALUES (?, ?, 'queued', ?, ?)",
             {submission_id, kind, std::int64_t{max_attempts}, now});
}

std::optional<Claimed> claim(db::Database& db, std::int64_t worker_id, const std::string& worker_name,
                             const std::string& gpu_kind, int lease_ms) {
  auto tx = db.begin(true);
  const char* pick = db.dialect() == db::Dialect::postgres
                         ? "SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"
                         : "SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1";
  auto picked = tx->query(pick);
  if (picked.empty()) return std::nullopt;
  Claimed c;
  c.job_id = picked[0].i64(0);
  c.lease_id = random_hex(16);
  std::int64_t now = now_ms();
  c.lease_expires = now + lease_ms;
  tx->query(
      "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_id = ?, lease_expires = ?, worker_id = ?, "
      "worker_name = ?, gpu_kind = ?, started_at = ? WHERE id = ?",
      {c.lease_id, c.lease_expires, worker_id, worker_name, gpu_kind, now, c.job_id});
  auto rows = tx->query(
      "SELECT j.submission_id, j.kind, j.attempts, s.mode, s.filename, s.source, s.sha256, l.problem_sha, l.name "
      "FROM jobs j JOIN submissions s ON s.id = j.submission_id JOIN leaderboards l ON l.id = s.leaderboard_id "
      "WHERE j.id = ?",
      {c.job_id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  c.submission_id = r.i64(0);
  c.kind = r.str(1);
  c.attempts = static_cast<int>(r.i64(2));
  c.mode = r.str(3);
  c.filename = r.str(4);
  c.source = r.str(5);
  c.sha256 = r.str(6);
  c.problem_sha = r.str(7);
  c.leaderboard = r.str(8);
  if (c.attempts == 1)
    tx->query("UPDATE submissions SET status = 'running' WHERE id = ? AND status = 'queued'", {c.submission_id});
  tx->commit();
  return c;
}

namespace {

struct Held {
  Lease lease;
  std::int64_t submission_id = 0, attempts = 0, max_attempts = 0;
};

Held check_lease(db::Tx& tx, std::int64_t job_id, const std::string& lease_id) {
  const char* sql = tx.dialect() == db::Dialect::postgres
                        ? "SELECT state, lease_id, submission_id, attempts, max_attempts FROM jobs WHERE id = ? FOR UPDATE"
                        : "SELECT state, lease_id, submission_id, attempts, max_attempts FROM jobs WHERE id = ?";
  auto rows = tx.query(sql, {job_id});
  if (rows.empty()) return {Lease::gone};
  const auto& r = rows[0];
  Held h{Lease::ok, r.i64(2), r.i64(3), r.i64(4)};
  if (r.str(0) != "running" || r.str(1) != lease_id) h.lease = Lease::lost;
  return h;
}

void give_up_or_requeue(db::Tx& tx, std::int64_t job_id, const Held& h, const std::string& why, const std::string& log) {
  std::int64_t now = now_ms();
  if (h.attempts >= h.max_attempts) {
    tx.query(
        "UPDATE jobs SET state = 'done', verdict = 'error', reason = ?, finished_at = ?, lease_id = NULL, log = ? "
        "WHERE id = ?",
        {"judging failed " + std::to_string(h.attempts) + " times (" + why +
             "); the job was given up. This is an infrastructure error, not your submission's fault: resubmit later",
         now, log, job_id});
    rollup(tx, h.submission_id);
  } else {
    tx.query("UPDATE jobs SET state = 'queued', lease_id = NULL, lease_expires = NULL, worker_id = NULL, log = ? "
             "WHERE id = ?",
             {log, job_id});
  }
}

}  // namespace

Lease heartbeat(db::Database& db, std::int64_t job_id, const std::string& lease_id, int lease_ms) {
  auto tx = db.begin(true);
  Held h = check_lease(*tx, job_id, lease_id);
  if (h.lease != Lease::ok) return h.lease;
  tx->query("UPDATE jobs SET lease_expires = ? WHERE id = ?", {now_ms() + lease_ms, job_id});
  tx->commit();
  return Lease::ok;
}

Lease complete(db::Database& db, std::int64_t job_id, const std::string& lease_id, std::int64_t worker_id,
               const Outcome& o) {
  auto tx = db.begin(true);
  Held h = check_lease(*tx, job_id, lease_id);
  if (h.lease != Lease::ok) return h.lease;
  std::int64_t now = now_ms();
  // The primary key of results refuses a second final report for the same job.
  tx->query("INSERT INTO results (job_id, submission_id, worker_id, accepted_at) VALUES (?, ?, ?, ?)",
            {job_id, h.submission_id, worker_id, now});
  tx->query(
      "UPDATE jobs SET state = 'done', verdict = ?, reason = ?, score_ns = ?, report = ?, audit = ?, log = ?, "
      "finished_at = ?, lease_id = NULL WHERE id = ?",
      {o.verdict, o.reason, o.score_ns ? db::Value(*o.score_ns) : db::null(), o.report, o.audit, o.log, now, job_id});
  if (!o.audit_verdict.empty()) {
    auto cur = tx->query("SELECT audit_verdict FROM submissions WHERE id = ?", {h.submission_id});
    if (!cur.empty() && audit_rank(o.audit_verdict) > audit_rank(cur[0].str(0)))
      tx->query("UPDATE submissions SET audit_verdict = ?, audit = ? WHERE id = ?",
                {o.audit_verdict, o.audit, h.submission_id});
  }
  rollup(*tx, h.submission_id);
  tx->commit();
  return Lease::ok;
}

Lease fail(db::Database& db, std::int64_t job_id, const std::string& lease_id, const std::string& why,
           const std::string& log) {
  auto tx = db.begin(true);
  Held h = check_lease(*tx, job_id, lease_id);
  if (h.lease != Lease::ok) return h.lease;
  give_up_or_requeue(*tx, job_id, h, why, log);
  tx->commit();
  return Lease::ok;
}

int reap_expired(db::Database& db) {
  auto tx = db.begin(true);
  const char* sql =
      db.dialect() == db::Dialect::postgres
          ? "SELECT id, submission_id, attempts, max_attempts, log FROM jobs WHERE state = 'running' AND lease_expires "
            "< ? ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED"
          : "SELECT id, submission_id, attempts, max_attempts, log FROM jobs WHERE state = 'running' AND lease_expires "
            "< ? ORDER BY id LIMIT 200";
  auto rows = tx->query(sql, {now_ms()});
  for (const auto& r : rows) {
    Held h{Lease::ok, r.i64(1), r.i64(2), r.i64(3)};
    give_up_or_requeue(*tx, r.i64(0), h, "the worker stopped heartbeating", r.str(4));
  }
  tx->commit();
  return static_cast<int>(rows.size());
}

void rollup(db::Tx& tx, std::int64_t submission_id) {
  auto jobs = tx.query("SELECT kind, state, verdict, reason FROM jobs WHERE submission_id = ? ORDER BY id",
                       {submission_id});
  std::string verdict = "pass", reason;
  for (const auto& j : jobs) {
    if (j.str(1) != "done") return;
    if (verdict == "pass" && j.str(2) != "pass") {
      verdict = j.str(2);
      reason = j.str(0) + " run: " + j.str(3);
    }
  }
  if (jobs.empty()) return;
  tx.query("UPDATE submissions SET status = 'done', verdict = ?, reason = ?, finished_at = ? WHERE id = ?",
           {verdict, reason, now_ms(), submission_id});
}

}  // namespace arbiter::service::queue
