// Submission routes: upload, list, status, report, logs, delete.
#include <set>

#include "service/queue.hpp"
#include "service/server_context.hpp"
#include "service/util.hpp"

namespace arbiter::service {
namespace {

using nlohmann::json;

const std::set<std::string> kExtensions = {".py", ".cu", ".cuh", ".cpp", ".cc", ".cxx", ".c", ".h", ".hpp"};

bool allowed_extension(const std::string& name) {
  auto dot = name.rfind('.');
  return dot != std::string::npos && kExtensions.count(name.substr(dot));
}

// Removes anything that could reveal a secret run's inputs.
void redact(json& j) {
  if (j.is_object()) {
    for (const char* k : {"seed", "seeds", "inputs", "input", "secret_seed"}) j.erase(k);
    for (auto& [k, v] : j.items()) redact(v);
  } else if (j.is_array()) {
    for (auto& v : j) redact(v);
  }
}

json job_json(const db::Row& r, bool with_reports, bool admin) {
  json j = {{"id", r.i64(0)},       {"kind", r.str(1)},      {"state", r.str(2)},
            {"attempts", r.i64(3)}, {"gpu_kind", r.str(7)},  {"worker", r.str(8)}};
  j["verdict"] = r.is_null(4) ? json(nullptr) : json(r.str(4));
  j["reason"] = r.is_null(5) ? json(nullptr) : json(r.str(5));
  j["score_ns"] = r.is_null(6) ? json(nullptr) : json(r.f64(6));
  if (with_reports) {
    json report = r.is_null(9) ? json(nullptr) : json::parse(r.str(9), nullptr, false);
    if (r.str(1) == "secret" && report.is_object()) {
      if (!admin) {
        if (report.contains("tests") && report["tests"].is_array())
          for (auto& t : report["tests"])
            if (t.is_object()) t["message"] = "";
        report["redacted"] = "secret run: inputs and test messages are withheld; the server verified the signature";
      }
      redact(report);
    }
    j["report"] = report;
    j["audit"] = r.is_null(10) ? json(nullptr) : json::parse(r.str(10), nullptr, false);
  }
  return j;
}

}  // namespace

std::optional<json> submission_json(db::Tx& tx, std::int64_t id, bool with_reports, bool admin) {
  auto rows = tx.query(
      "SELECT s.id, u.name, l.name, s.mode, s.filename, s.sha256, s.status, s.verdict, s.reason, s.created_at, "
      "s.finished_at, s.audit_verdict, s.audit, s.batch_id, s.candidate, s.user_id FROM submissions s JOIN users u ON "
      "u.id = s.user_id JOIN leaderboards l ON l.id = s.leaderboard_id WHERE s.id = ?",
      {id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  json j = {{"id", r.i64(0)},       {"user", r.str(1)},   {"leaderboard", r.str(2)}, {"mode", r.str(3)},
            {"filename", r.str(4)}, {"sha256", r.str(5)}, {"status", r.str(6)},      {"user_id", r.i64(15)},
            {"created_at", iso_time(r.i64(9))}};
  j["verdict"] = r.is_null(7) ? json(nullptr) : json(r.str(7));
  j["reason"] = r.is_null(8) ? json(nullptr) : json(r.str(8));
  j["finished_at"] = r.is_null(10) ? json(nullptr) : json(iso_time(r.i64(10)));
  j["audit_verdict"] = r.is_null(11) ? json(nullptr) : json(r.str(11));
  if (with_reports) j["audit"] = r.is_null(12) ? json(nullptr) : json::parse(r.str(12), nullptr, false);
  if (!r.is_null(13)) {
    j["batch_id"] = r.i64(13);
    j["candidate"] = r.str(14);
  }
  json jobs = json::array();
  for (const auto& jr : tx.query(
           "SELECT id, kind, state, attempts, verdict, reason, score_ns, gpu_kind, worker_name, report, audit FROM jobs "
           "WHERE submission_id = ? ORDER BY id",
           {id}))
    jobs.push_back(job_json(jr, with_reports, admin));
  j["jobs"] = jobs;
  return j;
}

std::int64_t create_submission(Context& ctx, db::Tx& tx, const auth::Principal& who, const NewSubmission& s,
                               int& status, std::string& message, int extra_quota) {
  auto fail = [&](int st, std::string msg) {
    status = st;
    message = std::move(msg);
    return std::int64_t{0};
  };
  if (queue::kinds_for_mode(s.mode).empty())
    return fail(400, "unknown mode '" + s.mode + "': use test, benchmark, leaderboard or ranked");
  if (!safe_file_name(s.filename) || !allowed_extension(s.filename))
    return fail(400, "bad file name '" + s.filename.substr(0, 120) +
                         "': use letters, digits, '.', '_' or '-' (no directories) ending in .py, .cu, .cpp, .cc, .c");
  if (s.source.empty()) return fail(400, "the submitted file is empty");
  if (s.source.size() > ctx.cfg.max_upload_bytes)
    return fail(413, "the submitted file has " + std::to_string(s.source.size()) + " bytes; the limit is " +
                         std::to_string(ctx.cfg.max_upload_bytes));
  if (!valid_utf8(s.source)) return fail(400, "the submitted file is not UTF-8 text");
  auto boards = tx.query("SELECT id, deadline, rate_limits FROM leaderboards WHERE name = ?", {s.leaderboard});
  if (boards.empty()) return fail(404, "unknown leaderboard '" + s.leaderboard.substr(0, 80) + "'");
  std::int64_t board = boards[0].i64(0);
  std::int64_t now = now_ms();
  if ((s.mode == "leaderboard" || s.mode == "ranked") && !boards[0].is_null(1) && boards[0].i64(1) <= now)
    return fail(403, "leaderboard '" + s.leaderboard + "' closed at " + iso_time(boards[0].i64(1)));
  if (!who.is_admin()) {
    auto limits = json::parse(boards[0].str(2), nullptr, false);
    std::int64_t limit = limits.is_object() && limits.contains(s.mode) ? limits[s.mode].get<std::int64_t>() : 0;
    if (limit > 0) {
      std::int64_t used = tx.scalar(
          "SELECT COUNT(*) FROM submissions WHERE user_id = ? AND leaderboard_id = ? AND mode = ? AND created_at > ?",
          {who.user_id, board, s.mode, now - 3600 * 1000});
      if (used + 1 + extra_quota > limit)
        return fail(429, "rate limit: " + std::to_string(limit) + " " + s.mode + " submissions per hour on '" +
                             s.leaderboard + "'; you have used " + std::to_string(used) + ": try again later");
    }
  }
  auto rows = tx.query(
      "INSERT INTO submissions (user_id, leaderboard_id, mode, filename, source, sha256, created_at, status, batch_id, "
      "batch_index, candidate) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?) RETURNING id",
      {who.user_id, board, s.mode, s.filename, s.source, sha256_hex(s.source), now,
       s.batch_id ? db::Value(s.batch_id) : db::null(), s.batch_id ? db::Value(s.batch_index) : db::null(),
       s.batch_id ? db::Value(s.candidate) : db::null()});
  std::int64_t id = rows.at(0).i64(0);
  queue::enqueue(tx, id, s.mode, ctx.cfg.max_attempts);
  status = 201;
  return id;
}

void register_submission_routes(httplib::Server& svr, Context& ctx) {
  svr.Post("/submissions", [&](const httplib::Request& req, httplib::Response& res) {
    auto who = require_user(ctx, req, res);
    if (!who) return;
    if (req.body.size() > ctx.cfg.max_upload_bytes + 64 * 1024)
      return send_error(res, 413, "upload of " + std::to_string(req.body.size()) + " bytes is over the limit of " +
                                      std::to_string(ctx.cfg.max_upload_bytes) + " bytes per file");
    NewSubmission s;
    auto type = req.get_header_value("Content-Type");
    if (req.is_multipart_form_data()) {
      if (!req.has_file("file")) return send_error(res, 400, "multipart upload needs a 'file' part");
      auto file = req.get_file_value("file");
      s.filename = file.filename;
      s.source = file.content;
      s.leaderboard = req.has_file("leaderboard") ? req.get_file_value("leaderboard").content : "";
      s.mode = req.has_file("mode") ? req.get_file_value("mode").content : "";
    } else if (type.rfind("application/json", 0) == 0) {
      auto body = json_body(req, res);
      if (!body) return;
      for (const char* k : {"leaderboard", "mode", "filename", "source"})
        if (!body->contains(k) || !(*body)[k].is_string())
          return send_error(res, 400, std::string("missing or non-string field '") + k + "'");
      s.leaderboard = (*body)["leaderboard"];
      s.mode = (*body)["mode"];
      s.filename = (*body)["filename"];
      s.source = (*body)["source"];
    } else {
      return send_error(res, 415, "expected multipart/form-data (file, leaderboard, mode) or application/json, got '" +
                                      type + "'");
    }
    if (s.leaderboard.empty()) return send_error(res, 400, "missing field 'leaderboard'");
    if (s.mode.empty()) return send_error(res, 400, "missing field 'mode' (test, benchmark, leaderboard or ranked)");
    int status = 0;
    std::string message;
    auto tx = ctx.db->begin(true);
    std::int64_t id = create_submission(ctx, *tx, *who, s, status, message);
    if (!id) return send_error(res, status, message);
    tx->commit();
    ctx.job_queued.notify();
    ctx.metrics.count_submission();
    send_json(res, 201, {{"id", id}, {"status", "queued"}, {"jobs", queue::kinds_for_mode(s.mode)}});
  });

  svr.Get("/submissions", [&](const httplib::Request& req, httplib::Response& res) {
    auto who = require_user(ctx, req, res);
    if (!who) return;
    int limit = 50;
    if (req.has_param("limit")) limit = std::clamp(std::atoi(req.get_param_value("limit").c_str()), 1, 1000);
    std::string sql =
        "SELECT s.id, l.name, s.mode, s.filename, s.status, s.verdict, s.created_at, u.name, s.audit_verdict FROM "
        "submissions s JOIN leaderboards l ON l.id = s.leaderboard_id JOIN users u ON u.id = s.user_id WHERE 1 = 1";
    db::Params params;
    if (!who->is_admin() || req.has_param("mine")) {
      sql += " AND s.user_id = ?";
      params.emplace_back(who->user_id);
    }
    if (req.has_param("leaderboard")) {
      sql += " AND l.name = ?";
      params.emplace_back(req.get_param_value("leaderboard"));
    }
    sql += " ORDER BY s.id DESC LIMIT " + std::to_string(limit);
    auto tx = ctx.db->begin(false);
    json arr = json::array();
    for (const auto& r : tx->query(sql, params))
      arr.push_back({{"id", r.i64(0)},
                     {"leaderboard", r.str(1)},
                     {"mode", r.str(2)},
                     {"filename", r.str(3)},
                     {"status", r.str(4)},
                     {"verdict", r.is_null(5) ? json(nullptr) : json(r.str(5))},
                     {"created_at", iso_time(r.i64(6))},
                     {"user", r.str(7)},
                     {"audit_verdict", r.is_null(8) ? json(nullptr) : json(r.str(8))}});
    send_json(res, 200, {{"submissions", arr}});
  });

  auto show = [&](const httplib::Request& req, httplib::Response& res, bool reports, bool logs) {
    auto who = require_user(ctx, req, res);
    if (!who) return;
    std::int64_t id = std::stoll(req.matches[1].str());
    auto tx = ctx.db->begin(false);
    auto j = submission_json(*tx, id, reports, who->is_admin());
    if (!j || ((*j)["user_id"].get<std::int64_t>() != who->user_id && !who->is_admin()))
      return send_error(res, 404, "no submission " + std::to_string(id) + " of yours");
    if (logs) {
      json out = json::array();
      for (const auto& r : tx->query("SELECT id, kind, log FROM jobs WHERE submission_id = ? ORDER BY id", {id}))
        out.push_back({{"job", r.i64(0)}, {"kind", r.str(1)}, {"log", r.str(1) == "secret" && !who->is_admin() ? "" : r.str(2)}});
      return send_json(res, 200, {{"id", id}, {"logs", out}});
    }
    send_json(res, 200, *j);
  };
  svr.Get(R"(/submissions/(\d{1,18}))", [=](const httplib::Request& req, httplib::Response& res) { show(req, res, false, false); });
  svr.Get(R"(/submissions/(\d{1,18})/report)", [=](const httplib::Request& req, httplib::Response& res) { show(req, res, true, false); });
  svr.Get(R"(/submissions/(\d{1,18})/logs)", [=](const httplib::Request& req, httplib::Response& res) { show(req, res, false, true); });

  svr.Delete(R"(/submissions/(\d{1,18}))", [&](const httplib::Request& req, httplib::Response& res) {
    auto who = require_user(ctx, req, res);
    if (!who) return;
    std::int64_t id = std::stoll(req.matches[1].str());
    auto tx = ctx.db->begin(true);
    auto rows = tx->query("SELECT user_id FROM submissions WHERE id = ?", {id});
    if (rows.empty() || (rows[0].i64(0) != who->user_id && !who->is_admin()))
      return send_error(res, 404, "no submission " + std::to_string(id) + " of yours");
    tx->query("DELETE FROM results WHERE submission_id = ?", {id});
    tx->query("DELETE FROM jobs WHERE submission_id = ?", {id});
    tx->query("DELETE FROM submissions WHERE id = ?", {id});
    tx->commit();
    send_json(res, 200, {{"id", id}, {"deleted", true}});
  });
}

}  // namespace arbiter::service
