// Worker routes: register a key, claim a job, fetch its problem, heartbeat, and hand back a signed
// report (verified here against the worker's registered key) or a failure.
#include <algorithm>
#include <chrono>
#include <set>

#include "service/leaderboard.hpp"
#include "service/queue.hpp"
#include "service/report_verify.hpp"
#include "service/server_context.hpp"
#include "service/util.hpp"

namespace arbiter::service {
namespace {

using nlohmann::json;

const std::set<std::string> kVerdicts = {"pass",    "wrong_answer",  "rejected", "timeout",
                                         "crash",   "compile_error", "error"};

std::string expected_mode(const std::string& kind) {
  return kind == "public" || kind == "secret" ? "leaderboard" : kind;
}

bool lease_fields(const json& body, std::string& lease_id, httplib::Response& res) {
  if (!body.contains("lease_id") || !body["lease_id"].is_string()) {
    send_error(res, 400, "missing field 'lease_id'");
    return false;
  }
  lease_id = body["lease_id"];
  return true;
}

void answer_lease(httplib::Response& res, queue::Lease l, std::int64_t job) {
  switch (l) {
    case queue::Lease::ok: return send_json(res, 200, {{"job", job}, {"lease", "ok"}});
    case queue::Lease::lost:
      return send_error(res, 409, "job " + std::to_string(job) + ": the lease expired and the job went back to the queue");
    case queue::Lease::gone: return send_error(res, 410, "job " + std::to_string(job) + " no longer exists (deleted)");
  }
}

}  // namespace

void register_worker_routes(httplib::Server& svr, Context& ctx) {
  svr.Post("/worker/register", [&](const httplib::Request& req, httplib::Response& res) {
    auto w = require_worker(ctx, req, res);
    if (!w) return;
    auto body = json_body(req, res);
    if (!body) return;
    if (!body->contains("public_key") || !(*body)["public_key"].is_string())
      return send_error(res, 400, "missing field 'public_key' (from 'arbiter key')");
    std::string pk = (*body)["public_key"];
    if (pk.size() != 64 || pk.find_first_not_of("0123456789abcdef") != std::string::npos)
      return send_error(res, 400, "public_key must be 64 lowercase hex digits");
    std::string key_id = body->value("key_id", ""), gpu = body->value("gpu_kind", "");
    auto tx = ctx.db->begin(true);
    auto rows = tx->query("SELECT public_key, gpu_kind FROM worker_keys WHERE user_id = ?", {w->user_id});
    if (rows.empty()) {
      tx->query("INSERT INTO worker_keys (user_id) VALUES (?)", {w->user_id});
    } else if (!rows[0].is_null(0) && rows[0].str(0) != pk) {
      return send_error(res, 403, "worker '" + w->name +
                                      "' has a different public key registered; the admin must re-create the worker "
                                      "to change keys");
    }
    if (gpu.empty()) gpu = rows.empty() || rows[0].is_null(1) ? "cpu" : rows[0].str(1);
    tx->query("UPDATE worker_keys SET public_key = ?, key_id = ?, gpu_kind = ?, last_seen = ? WHERE user_id = ?",
              {pk, key_id, gpu, now_ms(), w->user_id});
    tx->commit();
    send_json(res, 200, {{"worker", w->name}, {"public_key", pk}, {"gpu_kind", gpu}});
  });

  svr.Post("/worker/claim", [&](const httplib::Request& req, httplib::Response& res) {
    auto w = require_worker(ctx, req, res);
    if (!w) return;
    std::string gpu;
    {
      auto tx = ctx.db->begin(false);
      auto rows = tx->query("SELECT public_key, gpu_kind FROM worker_keys WHERE user_id = ?", {w->user_id});
      if (rows.empty() || rows[0].is_null(0))
        return send_error(res, 409, "register this worker's public key first (POST /worker/register)");
      gpu = rows[0].str(1);
    }
    // Long-poll: {"wait_ms": N} (at most cfg.max_claim_wait_ms) waits for a job instead of answering
    // 204 at once; a submission in this process wakes it, so submit-to-claim takes milliseconds.
    int wait_ms = 0;
    if (!req.body.empty()) {
      auto body = nlohmann::json::parse(req.body, nullptr, false);
      if (body.is_object() && body.contains("wait_ms") && body["wait_ms"].is_number_integer())
        wait_ms = std::clamp(body["wait_ms"].get<int>(), 0, ctx.cfg.max_claim_wait_ms);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
    std::optional<queue::Claimed> job;
    for (;;) {
      auto seen = ctx.job_queued.generation();
      job = queue::claim(*ctx.db, w->user_id, w->name, gpu, ctx.cfg.lease_ms);
      if (job) break;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      if (!ctx.job_queued.wait(seen, std::min(left, std::chrono::milliseconds(ctx.poll_slice_ms())))) break;
    }
    if (!job) {
      res.status = 204;
      return;
    }
    send_json(res, 200,
              {{"job_id", job->job_id},         {"submission_id", job->submission_id}, {"kind", job->kind},
               {"mode", expected_mode(job->kind)}, {"public", job->kind == "public"},    {"lease_id", job->lease_id},
               {"lease_ms", ctx.cfg.lease_ms},  {"attempt", job->attempts},           {"filename", job->filename},
               {"source", job->source},         {"sha256", job->sha256},              {"problem_sha", job->problem_sha},
               {"leaderboard", job->leaderboard}});
  });

  svr.Get(R"(/worker/problems/([0-9a-f]{64}))", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_worker(ctx, req, res)) return;
    auto tx = ctx.db->begin(false);
    auto rows = tx->query("SELECT files, name FROM problems WHERE sha = ?", {req.matches[1].str()});
    if (rows.empty()) return send_error(res, 404, "no problem " + req.matches[1].str());
    res.status = 200;
    res.set_content("{\"sha\":\"" + req.matches[1].str() + "\",\"name\":" + json(rows[0].str(1)).dump() +
                        ",\"files\":" + rows[0].str(0) + "}",
                    "application/json");
  });

  svr.Post(R"(/worker/jobs/(\d{1,18})/heartbeat)", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_worker(ctx, req, res)) return;
    auto body = json_body(req, res);
    std::string lease;
    if (!body || !lease_fields(*body, lease, res)) return;
    std::int64_t job = std::stoll(req.matches[1].str());
    answer_lease(res, queue::heartbeat(*ctx.db, job, lease, ctx.cfg.lease_ms), job);
  });

  svr.Post(R"(/worker/jobs/(\d{1,18})/fail)", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_worker(ctx, req, res)) return;
    auto body = json_body(req, res);
    std::string lease;
    if (!body || !lease_fields(*body, lease, res)) return;
    std::int64_t job = std::stoll(req.matches[1].str());
    std::string why = body->value("reason", std::string("the judge failed"));
    std::string log = body->value("log", std::string());
    auto l = queue::fail(*ctx.db, job, lease, why.substr(0, 500), log.substr(0, 64 * 1024));
    if (l == queue::Lease::ok) {
      ctx.job_queued.notify();    // requeued: claimable again
      ctx.job_finished.notify();  // or ended with `error` after the last attempt
    }
    answer_lease(res, l, job);
  });

  svr.Post(R"(/worker/jobs/(\d{1,18})/result)", [&](const httplib::Request& req, httplib::Response& res) {
    auto w = require_worker(ctx, req, res);
    if (!w) return;
    auto body = json_body(req, res);
    std::string lease;
    if (!body || !lease_fields(*body, lease, res)) return;
    std::int64_t job = std::stoll(req.matches[1].str());
    if (!body->contains("report") || !(*body)["report"].is_object())
      return send_error(res, 400, "missing field 'report' (the judge's signed JSON report)");
    const json& report = (*body)["report"];
    std::string pk, kind, sha, ranking;
    std::int64_t started = 0;
    {
      auto tx = ctx.db->begin(false);
      auto keys = tx->query("SELECT public_key FROM worker_keys WHERE user_id = ?", {w->user_id});
      if (keys.empty() || keys[0].is_null(0)) return send_error(res, 409, "this worker has no registered key");
      pk = keys[0].str(0);
      auto rows = tx->query(
          "SELECT j.kind, s.sha256, l.ranking, j.started_at FROM jobs j JOIN submissions s ON s.id = j.submission_id "
          "JOIN leaderboards l ON l.id = s.leaderboard_id WHERE j.id = ?",
          {job});
      if (rows.empty()) return send_error(res, 410, "job " + std::to_string(job) + " no longer exists (deleted)");
      kind = rows[0].str(0);
      sha = rows[0].str(1);
      ranking = rows[0].str(2);
      started = rows[0].i64(3);
    }
    auto refuse = [&](const std::string& why) {
      ctx.metrics.count_rejected_report();
      send_error(res, 422, "report refused: " + why);
    };
    if (auto why = verify_report_signature(report, pk); !why.empty()) return refuse(why);
    if (report.contains("submission_sha256") &&
        (!report["submission_sha256"].is_string() || report["submission_sha256"].get<std::string>() != sha))
      return refuse("the report judged a different file (submission_sha256 mismatch)");
    if (report.contains("mode") && report["mode"] != expected_mode(kind))
      return refuse("the report's mode is '" + report["mode"].dump() + "', the job asked for " + expected_mode(kind));
    if (!report.contains("verdict") || !report["verdict"].is_string() || !kVerdicts.count(report["verdict"]))
      return refuse("the report has no valid verdict");
    queue::Outcome out;
    out.verdict = report["verdict"];
    out.reason = report.contains("reason") && report["reason"].is_string() ? report["reason"].get<std::string>() : "";
    out.report = report.dump();
    if (out.verdict == "pass" && kind != "test") out.score_ns = leaderboard::score_of(report, ranking);
    if (body->contains("audit") && (*body)["audit"].is_object()) {
      out.audit = (*body)["audit"].dump();
      out.audit_verdict = (*body)["audit"].value("verdict", std::string("unavailable"));
      if (queue::audit_rank(out.audit_verdict) == 0) out.audit_verdict = "unavailable";
    }
    out.log = body->value("log", std::string()).substr(0, 64 * 1024);
    auto l = queue::complete(*ctx.db, job, lease, w->user_id, out);
    if (l == queue::Lease::ok && started > 0) ctx.metrics.observe_judge_seconds(static_cast<double>(now_ms() - started) / 1000.0);
    if (l != queue::Lease::ok) ctx.metrics.count_rejected_report();
    if (l == queue::Lease::ok) ctx.job_finished.notify();
    answer_lease(res, l, job);
  });
}

}  // namespace arbiter::service
