// Admin and account routes: users, tokens, workers, bans, leaderboards.
#include "service/leaderboard.hpp"
#include "service/problem_store.hpp"
#include "service/queue.hpp"
#include "service/server_context.hpp"
#include "service/util.hpp"

namespace arbiter::service {
namespace {

using nlohmann::json;

std::optional<std::int64_t> ttl_expiry(const json& body) {
  if (body.contains("ttl_s") && body["ttl_s"].is_number() && body["ttl_s"].get<double>() > 0)
    return now_ms() + static_cast<std::int64_t>(body["ttl_s"].get<double>() * 1000);
  return std::nullopt;
}

bool string_field(const json& body, const char* key, std::string& out, httplib::Response& res, bool required = true) {
  if (!body.contains(key)) {
    if (required) send_error(res, 400, std::string("missing field '") + key + "'");
    return !required;
  }
  if (!body[key].is_string()) {
    send_error(res, 400, std::string("field '") + key + "' must be a string");
    return false;
  }
  out = body[key].get<std::string>();
  return true;
}

// Deadline as ISO-8601 UTC ("2026-12-31T23:59:00Z") or epoch milliseconds.
bool parse_deadline(const json& v, std::optional<std::int64_t>& out) {
  if (v.is_null()) return true;
  if (v.is_number_integer()) {
    out = v.get<std::int64_t>();
    return true;
  }
  if (!v.is_string()) return false;
  std::tm tm{};
  const std::string s = v.get<std::string>();
  if (!strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) && !strptime(s.c_str(), "%Y-%m-%d %H:%M:%S", &tm)) {
    if (!strptime(s.c_str(), "%Y-%m-%d", &tm)) return false;
  }
  out = static_cast<std::int64_t>(timegm(&tm)) * 1000;
  return true;
}

json leaderboard_json(const db::Row& r) {
  json j = {{"name", r.str(1)},     {"problem", r.str(2)},           {"ranking", r.str(3)},
            {"visibility", r.str(5)}, {"rate_limits", json::parse(r.str(6), nullptr, false)},
            {"problem_sha", r.str(7)}};
  j["deadline"] = r.is_null(4) ? json(nullptr) : json(iso_time(r.i64(4)));
  return j;
}

constexpr const char* kBoardColumns =
    "SELECT id, name, problem_name, ranking, deadline, visibility, rate_limits, problem_sha FROM leaderboards";

}  // namespace

void register_admin_routes(httplib::Server& svr, Context& ctx) {
  svr.Get("/me", [&](const httplib::Request& req, httplib::Response& res) {
    auto p = require_user(ctx, req, res);
    if (!p) return;
    send_json(res, 200, {{"id", p->user_id}, {"name", p->name}, {"role", p->role}});
  });

  svr.Post("/tokens", [&](const httplib::Request& req, httplib::Response& res) {
    auto p = require_user(ctx, req, res);
    if (!p) return;
    json body = json::object();
    if (!req.body.empty()) {
      auto b = json_body(req, res);
      if (!b) return;
      body = *b;
    }
    auto tx = ctx.db->begin(true);
    std::string token = auth::issue_token(*tx, p->user_id, ttl_expiry(body));
    tx->commit();
    send_json(res, 201, {{"user", p->name}, {"token", token}, {"note", "shown once: store it now"}});
  });

  auto add_user = [&](const httplib::Request& req, httplib::Response& res, const std::string& role) {
    if (!require_admin(ctx, req, res)) return;
    auto body = json_body(req, res);
    if (!body) return;
    std::string name, public_key, gpu_kind;
    if (!string_field(*body, "name", name, res)) return;
    if (!safe_name(name)) return send_error(res, 400, "user names are 1-64 characters of [A-Za-z0-9_-]");
    if (!string_field(*body, "public_key", public_key, res, false)) return;
    if (!string_field(*body, "gpu_kind", gpu_kind, res, false)) return;
    if (!public_key.empty() && (public_key.size() != 64 || public_key.find_first_not_of("0123456789abcdef") != std::string::npos))
      return send_error(res, 400, "public_key must be 64 lowercase hex digits (arbiter key prints it)");
    auto tx = ctx.db->begin(true);
    if (tx->scalar("SELECT COUNT(*) FROM users WHERE name = ?", {name}) > 0)
      return send_error(res, 409, "user '" + name + "' already exists");
    std::int64_t id = auth::create_user(*tx, name, role);
    if (role == "worker")
      tx->query("INSERT INTO worker_keys (user_id, public_key, gpu_kind) VALUES (?, ?, ?)",
                {id, public_key.empty() ? db::null() : db::Value(public_key), gpu_kind.empty() ? db::null() : db::Value(gpu_kind)});
    std::string token = auth::issue_token(*tx, id, ttl_expiry(*body));
    tx->commit();
    send_json(res, 201, {{"id", id}, {"name", name}, {"role", role}, {"token", token}, {"note", "shown once: store it now"}});
  };
  svr.Post("/admin/users", [=](const httplib::Request& req, httplib::Response& res) { add_user(req, res, "user"); });
  svr.Post("/admin/workers", [=](const httplib::Request& req, httplib::Response& res) { add_user(req, res, "worker"); });

  svr.Post(R"(/admin/users/([A-Za-z0-9_-]+)/tokens)", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_admin(ctx, req, res)) return;
    json body = json::object();
    if (!req.body.empty()) {
      auto b = json_body(req, res);
      if (!b) return;
      body = *b;
    }
    auto tx = ctx.db->begin(true);
    auto rows = tx->query("SELECT id FROM users WHERE name = ?", {req.matches[1].str()});
    if (rows.empty()) return send_error(res, 404, "no user named '" + req.matches[1].str() + "'");
    std::string token = auth::issue_token(*tx, rows[0].i64(0), ttl_expiry(body));
    tx->commit();
    send_json(res, 201, {{"user", req.matches[1].str()}, {"token", token}});
  });

  svr.Post("/admin/bans", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_admin(ctx, req, res)) return;
    auto body = json_body(req, res);
    if (!body) return;
    std::string user, reason = "banned by the organiser";
    if (!string_field(*body, "user", user, res) || !string_field(*body, "reason", reason, res, false)) return;
    auto tx = ctx.db->begin(true);
    auto rows = tx->query("SELECT id, role FROM users WHERE name = ?", {user});
    if (rows.empty()) return send_error(res, 404, "no user named '" + user + "'");
    if (rows[0].str(1) == "admin") return send_error(res, 400, "the admin cannot be banned");
    tx->query("UPDATE users SET banned = 1, ban_reason = ? WHERE id = ?", {reason, rows[0].i64(0)});
    tx->commit();
    send_json(res, 200, {{"user", user}, {"banned", true}, {"reason", reason}});
  });
  svr.Delete(R"(/admin/bans/([A-Za-z0-9_-]+))", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_admin(ctx, req, res)) return;
    auto tx = ctx.db->begin(true);
    auto rows = tx->query("UPDATE users SET banned = 0, ban_reason = NULL WHERE name = ? RETURNING id",
                          {req.matches[1].str()});
    if (rows.empty()) return send_error(res, 404, "no user named '" + req.matches[1].str() + "'");
    tx->commit();
    send_json(res, 200, {{"user", req.matches[1].str()}, {"banned", false}});
  });

  // Create a leaderboard from a packed problem directory (the CLI packs it).
  svr.Post("/leaderboards", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_admin(ctx, req, res)) return;
    auto body = json_body(req, res);
    if (!body) return;
    std::string name, visibility = "public";
    if (!string_field(*body, "name", name, res) || !string_field(*body, "visibility", visibility, res, false)) return;
    if (!safe_name(name)) return send_error(res, 400, "leaderboard names are 1-64 characters of [A-Za-z0-9_-]");
    if (visibility != "public" && visibility != "private")
      return send_error(res, 400, "visibility must be 'public' or 'private'");
    if (!body->contains("files")) return send_error(res, 400, "missing field 'files' (a packed problem directory)");
    problems::Packed packed;
    try {
      packed = problems::validate((*body)["files"]);
    } catch (const std::exception& e) {
      return send_error(res, 400, e.what());
    }
    std::optional<std::int64_t> deadline;
    if (body->contains("deadline") && !parse_deadline((*body)["deadline"], deadline))
      return send_error(res, 400, "deadline must be ISO 8601 UTC (2026-12-31T23:59:00Z) or epoch milliseconds");
    json limits = {{"test", 60}, {"benchmark", 30}, {"leaderboard", 10}, {"ranked", 10}};
    if (body->contains("rate_limits")) {
      const json& rl = (*body)["rate_limits"];
      if (!rl.is_object()) return send_error(res, 400, "rate_limits must be an object {mode: submissions per hour}");
      for (auto& [mode, n] : rl.items()) {
        if (queue::kinds_for_mode(mode).empty())
          return send_error(res, 400, "rate_limits: unknown mode '" + mode + "'");
        if (!n.is_number_integer() || n.get<std::int64_t>() < 0)
          return send_error(res, 400, "rate_limits." + mode + " must be a non-negative integer (0 = unlimited)");
        limits[mode] = n;
      }
    }
    auto meta = problems::describe(packed.files, name);
    if (body->contains("ranking") && (*body)["ranking"].is_string()) meta.ranking = (*body)["ranking"];
    if (meta.ranking != "last" && meta.ranking != "mean" && meta.ranking != "geom")
      return send_error(res, 400, "ranking must be last, mean or geom");
    auto tx = ctx.db->begin(true);
    if (tx->scalar("SELECT COUNT(*) FROM leaderboards WHERE name = ?", {name}) > 0)
      return send_error(res, 409, "leaderboard '" + name + "' already exists");
    if (tx->scalar("SELECT COUNT(*) FROM problems WHERE sha = ?", {packed.sha}) == 0)
      tx->query("INSERT INTO problems (sha, name, ranking, files, created_at) VALUES (?, ?, ?, ?, ?)",
                {packed.sha, meta.name, meta.ranking, packed.files.dump(), now_ms()});
    tx->query(
        "INSERT INTO leaderboards (name, problem_sha, problem_name, ranking, deadline, visibility, rate_limits, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {name, packed.sha, meta.name, meta.ranking, deadline ? db::Value(*deadline) : db::null(), visibility,
         limits.dump(), now_ms()});
    auto rows = tx->query(std::string(kBoardColumns) + " WHERE name = ?", {name});
    tx->commit();
    send_json(res, 201, leaderboard_json(rows.at(0)));
  });

  svr.Get("/leaderboards", [&](const httplib::Request& req, httplib::Response& res) {
    std::optional<auth::Principal> who;
    if (!optional_user(ctx, req, res, who)) return;
    auto tx = ctx.db->begin(false);
    json arr = json::array();
    for (const auto& r : tx->query(std::string(kBoardColumns) + " ORDER BY name"))
      if (r.str(5) == "public" || who) arr.push_back(leaderboard_json(r));
    send_json(res, 200, {{"leaderboards", arr}});
  });

  svr.Get(R"(/leaderboards/([A-Za-z0-9_-]+))", [&](const httplib::Request& req, httplib::Response& res) {
    std::optional<auth::Principal> who;
    if (!optional_user(ctx, req, res, who)) return;
    auto tx = ctx.db->begin(false);
    auto rows = tx->query(std::string(kBoardColumns) + " WHERE name = ?", {req.matches[1].str()});
    if (rows.empty() || (rows[0].str(5) != "public" && !who))
      return send_error(res, 404, "no leaderboard named '" + req.matches[1].str() + "'");
    json j = leaderboard_json(rows[0]);
    j["ranking_entries"] = leaderboard::to_json(leaderboard::rank(*tx, rows[0].i64(0)));
    send_json(res, 200, j);
  });
}

}  // namespace arbiter::service
