// Batch evaluation for training pipelines: many candidates for one leaderboard in one call, results
// (with the workers' signed reports) polled incrementally with a cursor.
#include <algorithm>
#include <chrono>

#include "service/queue.hpp"
#include "service/server_context.hpp"
#include "service/util.hpp"

namespace arbiter::service {
namespace {
using nlohmann::json;
constexpr std::size_t kMaxCandidates = 10000;

json batch_page(Context& ctx, const auth::Principal& who, std::int64_t batch, std::int64_t since, std::int64_t size) {
  auto tx = ctx.db->begin(false);
  std::int64_t done = tx->scalar("SELECT COUNT(*) FROM submissions WHERE batch_id = ? AND status = 'done'", {batch});
  auto rows = tx->query(
      "SELECT id, batch_index, candidate, verdict, reason, finished_at FROM submissions WHERE batch_id = ? AND "
      "status = 'done' AND finished_at >= ? ORDER BY finished_at, id LIMIT 500",
      {batch, since});
  json results = json::array();
  std::int64_t cursor = since;
  for (const auto& r : rows) {
    json item = {{"submission_id", r.i64(0)}, {"index", r.i64(1)}, {"name", r.str(2)},
                 {"verdict", r.str(3)},      {"reason", r.str(4)}};
    json reports = json::array();
    double score = -1;
    for (const auto& j : tx->query("SELECT kind, report, score_ns FROM jobs WHERE submission_id = ? ORDER BY id",
                                   {r.i64(0)})) {
      if (j.str(0) == "secret" && !who.is_admin()) {  // secret runs: verdict and score only
        reports.push_back({{"kind", "secret"}, {"report", nullptr}});
        if (!j.is_null(2)) score = j.f64(2);
        continue;
      }
      reports.push_back({{"kind", j.str(0)}, {"report", j.is_null(1) ? json(nullptr) : json::parse(j.str(1), nullptr, false)}});
      if (!j.is_null(2)) score = j.f64(2);
    }
    item["score_ns"] = score < 0 ? json(nullptr) : json(score);
    item["reports"] = reports;
    results.push_back(item);
    cursor = std::max(cursor, r.i64(5));
  }
  return {{"batch_id", batch}, {"size", size}, {"done", done}, {"cursor", cursor}, {"complete", done == size},
          {"results", results}};
}
}  // namespace

void register_batch_routes(httplib::Server& svr, Context& ctx) {
  svr.Post("/batches", [&](const httplib::Request& req, httplib::Response& res) {
    auto who = require_user(ctx, req, res);
    if (!who) return;
    auto body = json_body(req, res);
    if (!body) return;
    for (const char* k : {"leaderboard", "mode"})
      if (!body->contains(k) || !(*body)[k].is_string())
        return send_error(res, 400, std::string("missing or non-string field '") + k + "'");
    if (!body->contains("candidates") || !(*body)["candidates"].is_array() || (*body)["candidates"].empty())
      return send_error(res, 400, "'candidates' must be a non-empty array of {source, filename?, name?}");
    const json& cands = (*body)["candidates"];
    if (cands.size() > kMaxCandidates)
      return send_error(res, 413, "a batch holds at most " + std::to_string(kMaxCandidates) + " candidates");
    std::string board = (*body)["leaderboard"], mode = (*body)["mode"];
    std::string default_name = body->value("filename", std::string("submission.py"));
    auto tx = ctx.db->begin(true);
    auto boards = tx->query("SELECT id FROM leaderboards WHERE name = ?", {board});
    if (boards.empty()) return send_error(res, 404, "unknown leaderboard '" + board.substr(0, 80) + "'");
    auto b = tx->query(
        "INSERT INTO batches (user_id, leaderboard_id, mode, size, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
        {who->user_id, boards[0].i64(0), mode, static_cast<std::int64_t>(cands.size()), now_ms()});
    std::int64_t batch = b.at(0).i64(0);
    json ids = json::array();
    for (std::size_t i = 0; i < cands.size(); ++i) {
      const json& c = cands[i];
      if (!c.is_object() || !c.contains("source") || !c["source"].is_string())
        return send_error(res, 400, "candidate " + std::to_string(i) + ": needs a string 'source'");
      NewSubmission s;
      s.leaderboard = board;
      s.mode = mode;
      s.source = c["source"];
      s.filename = c.contains("filename") && c["filename"].is_string() ? c["filename"].get<std::string>() : default_name;
      s.candidate = c.contains("name") && c["name"].is_string() ? c["name"].get<std::string>().substr(0, 200)
                                                                 : std::to_string(i);
      s.batch_id = batch;
      s.batch_index = static_cast<std::int64_t>(i);
      int status = 0;
      std::string message;
      std::int64_t id =
          create_submission(ctx, *tx, *who, s, status, message, static_cast<int>(cands.size() - 1 - i));
      if (!id) return send_error(res, status, "candidate " + std::to_string(i) + ": " + message + " (nothing stored)");
      ids.push_back(id);
    }
    tx->commit();
    ctx.job_queued.notify();
    send_json(res, 201, {{"batch_id", batch}, {"submissions", ids}, {"size", cands.size()}});
  });

  // GET /batches/ID?since=CURSOR[&done=N&wait_ms=W]: counts, and the candidates finished at or after
  // the cursor with their signed reports; deduplicate by index. With wait_ms (at most 20 s) the call
  // waits until more than N candidates are done (N: the `done` of the caller's last page), so a
  // pipeline gets each report as it finishes without polling.
  svr.Get(R"(/batches/(\d{1,18}))", [&](const httplib::Request& req, httplib::Response& res) {
    auto who = require_user(ctx, req, res);
    if (!who) return;
    std::int64_t batch = std::stoll(req.matches[1].str());
    std::int64_t since = req.has_param("since") ? std::atoll(req.get_param_value("since").c_str()) : 0;
    std::int64_t known = req.has_param("done") ? std::atoll(req.get_param_value("done").c_str()) : -1;
    int wait_ms = req.has_param("wait_ms") ? std::clamp(std::atoi(req.get_param_value("wait_ms").c_str()), 0, 20000) : 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
    for (;;) {
      auto seen = ctx.job_finished.generation();
      std::int64_t size = 0, done = 0;
      {
        auto tx = ctx.db->begin(false);
        auto b = tx->query("SELECT user_id, size FROM batches WHERE id = ?", {batch});
        if (b.empty() || (b[0].i64(0) != who->user_id && !who->is_admin()))
          return send_error(res, 404, "no batch " + std::to_string(batch) + " of yours");
        size = b[0].i64(1);
        done = tx->scalar("SELECT COUNT(*) FROM submissions WHERE batch_id = ? AND status = 'done'", {batch});
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (done > known || done == size || left.count() <= 0 ||
          !ctx.job_finished.wait(seen, std::min(left, std::chrono::milliseconds(ctx.poll_slice_ms()))))
        return send_json(res, 200, batch_page(ctx, *who, batch, since, size));
    }
  });
}

}  // namespace arbiter::service
