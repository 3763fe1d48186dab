#pragma once
// Shared by the route files (api_*.cpp, web.cpp): configuration, database, metrics and the small
// helpers every handler uses to authenticate and to answer with JSON errors.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "service/auth.hpp"
#include "service/db/database.hpp"
#include "service/metrics.hpp"
#include "service/server.hpp"
#include "service/wakeup.hpp"

namespace arbiter::service {

struct Context {
  ServerConfig cfg;
  std::unique_ptr<db::Database> db;
  Metrics metrics;
  Wakeup job_queued;     // a job may have become claimable: wakes long-polling claims
  Wakeup job_finished;   // a job reached a final state: wakes long-polling batch readers
  // How long a long-poll sleeps between database checks even without a wake-up: other servers on
  // the same PostgreSQL database enqueue without waking this process.
  int poll_slice_ms() const;
};

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
void send_error(httplib::Response& res, int status, const std::string& message);

// Bearer token from the Authorization header; answers 401/403 itself and returns nullopt on failure.
std::optional<auth::Principal> require_user(Context& ctx, const httplib::Request& req, httplib::Response& res);
std::optional<auth::Principal> require_admin(Context& ctx, const httplib::Request& req, httplib::Response& res);
std::optional<auth::Principal> require_worker(Context& ctx, const httplib::Request& req, httplib::Response& res);
// Authentication if a token is present (no error when absent); answers 401 for a bad token.
bool optional_user(Context& ctx, const httplib::Request& req, httplib::Response& res,
                   std::optional<auth::Principal>& out);

// Parses a JSON object body (415 for another content type, 400 for malformed JSON).
std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res);

// Route registration, one function per file.
void register_admin_routes(httplib::Server& svr, Context& ctx);
void register_submission_routes(httplib::Server& svr, Context& ctx);
void register_worker_routes(httplib::Server& svr, Context& ctx);
void register_batch_routes(httplib::Server& svr, Context& ctx);
void register_web_routes(httplib::Server& svr, Context& ctx);

// Creates a submission and its jobs inside `tx` after every check (leaderboard, mode, deadline,
// rate limit, name, size, encoding). Returns the id, or sets status+message and returns 0.
struct NewSubmission {
  std::string leaderboard, mode, filename, source, candidate;
  std::int64_t batch_id = 0, batch_index = 0;
};
std::int64_t create_submission(Context& ctx, db::Tx& tx, const auth::Principal& who, const NewSubmission& s,
                               int& status, std::string& message, int extra_quota = 0);

// The submission as JSON for its owner (secret runs redacted unless `admin`); nullopt if not found.
std::optional<nlohmann::json> submission_json(db::Tx& tx, std::int64_t id, bool with_reports, bool admin);

}  // namespace arbiter::service
