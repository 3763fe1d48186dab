#include "service/server.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include <sys/socket.h>
#include <sys/stat.h>

#include "service/queue.hpp"
#include "service/server_context.hpp"
#include "service/util.hpp"

namespace arbiter::service {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, {{"error", message}, {"status", status}});
}

namespace {

constexpr int kListenBacklog = 1024;  // the kernel caps it at net.core.somaxconn

std::string bearer(const httplib::Request& req) {
  auto h = req.get_header_value("Authorization");
  if (h.rfind("Bearer ", 0) == 0) return h.substr(7);
  return {};
}

std::optional<auth::Principal> authenticate(Context& ctx, const std::string& token, httplib::Response& res) {
  std::string why;
  std::optional<auth::Principal> p;
  {
    auto tx = ctx.db->begin(false);
    p = auth::authenticate(*tx, token, why);
  }
  if (!p) send_error(res, 401, why);
  return p;
}

}  // namespace

std::optional<auth::Principal> require_user(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string token = bearer(req);
  if (token.empty()) {
    send_error(res, 401, "missing API token: send 'Authorization: Bearer <token>' (see 'arbiter login')");
    return std::nullopt;
  }
  auto p = authenticate(ctx, token, res);
  if (p && p->banned) {
    send_error(res, 403, "user '" + p->name + "' is banned: " + p->ban_reason);
    return std::nullopt;
  }
  return p;
}

std::optional<auth::Principal> require_admin(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  auto p = require_user(ctx, req, res);
  if (p && !p->is_admin()) {
    send_error(res, 403, "this needs the admin token");
    return std::nullopt;
  }
  return p;
}

std::optional<auth::Principal> require_worker(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  auto p = require_user(ctx, req, res);
  if (p && !p->is_worker()) {
    send_error(res, 403, "this needs a worker token (arbiter admin worker-add)");
    return std::nullopt;
  }
  return p;
}

bool optional_user(Context& ctx, const httplib::Request& req, httplib::Response& res,
                   std::optional<auth::Principal>& out) {
  std::string token = bearer(req);
  if (token.empty()) return true;
  out = authenticate(ctx, token, res);
  return out.has_value();
}

std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res) {
  auto type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    send_error(res, 415, "expected Content-Type: application/json, got '" + type + "'");
    return std::nullopt;
  }
  auto j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    send_error(res, 400, "malformed JSON: the body must be one JSON object");
    return std::nullopt;
  }
  return j;
}

int Context::poll_slice_ms() const {
  // SQLite has one server per file, so every enqueue wakes the waiters; the slice is a safety net.
  return db->dialect() == db::Dialect::postgres ? 250 : 2000;
}

struct Server::Impl {
  Context ctx;
  httplib::Server svr;
  std::thread reaper;
  std::atomic<bool> stopping{false};
  int port = 0;
  int listen_fd = -1;
};

Server::Server(ServerConfig cfg) : impl_(std::make_unique<Impl>()) { impl_->ctx.cfg = std::move(cfg); }

Server::~Server() {
  stop();
  if (impl_->reaper.joinable()) impl_->reaper.join();
}

void Server::prepare() {
  auto& ctx = impl_->ctx;
  ctx.db = db::open(ctx.cfg.db_url, ctx.cfg.db_pool);
  db::migrate(*ctx.db);
  if (auto token = auth::bootstrap_admin(*ctx.db)) {
    namespace fs = std::filesystem;
    fs::create_directories(ctx.cfg.data_dir);
    auto path = fs::path(ctx.cfg.data_dir) / "arbiter-admin-token";
    {
      std::ofstream f(path, std::ios::trunc);
      f << *token << "\n";
    }
    ::chmod(path.c_str(), 0600);
    std::fprintf(stderr,
                 "arbiter serve: first start: created the admin user. Admin token (shown once, also written to %s, "
                 "mode 0600):\n%s\n",
                 path.c_str(), token->c_str());
  }

  auto& svr = impl_->svr;
  svr.set_payload_max_length(ctx.cfg.max_body_bytes);
  int threads = ctx.cfg.threads;
  ctx.job_queued.set_max_waiters(std::max(1, threads / 2));
  ctx.job_finished.set_max_waiters(std::max(1, threads / 4));
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  svr.set_keep_alive_max_count(1000);
  svr.set_tcp_nodelay(true);  // no 40 ms delayed-ACK stalls between header and body writes
  // Remember the listening socket (this callback sees it before bind) to raise its backlog in run().
  svr.set_socket_options([this](socket_t sock) {
    httplib::default_socket_options(sock);
    impl_->listen_fd = sock;
  });
  svr.set_read_timeout(30, 0);
  svr.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    switch (res.status) {
      case 404: send_error(res, 404, "no such endpoint: " + req.method + " " + req.path); break;
      case 413: send_error(res, 413, "request body too large"); break;
      case 400: send_error(res, 400, "bad request"); break;
      default: send_error(res, res.status, "request failed");
    }
  });
  svr.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "arbiter serve: %s %s: internal error: %s\n", req.method.c_str(), req.path.c_str(),
                 what.c_str());
    send_error(res, 500, "internal error (the server log has details); nothing was stored");
    (void)this;
  });
  svr.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    impl_->ctx.metrics.count_request(res.status);
    if (!impl_->ctx.cfg.quiet && res.status >= 500)
      std::fprintf(stderr, "arbiter serve: %s %s -> %d\n", req.method.c_str(), req.path.c_str(), res.status);
  });

  svr.Get("/health", [this](const httplib::Request&, httplib::Response& res) {
    try {
      int v = db::schema_version(*impl_->ctx.db);
      send_json(res, 200, {{"status", "ok"}, {"db", impl_->ctx.db->describe()}, {"schema", v}});
    } catch (const std::exception& e) {
      send_json(res, 503, {{"status", "unavailable"}, {"error", e.what()}});
    }
  });
  svr.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(impl_->ctx.metrics.render(*impl_->ctx.db), "text/plain; version=0.0.4");
  });
  register_admin_routes(svr, ctx);
  register_submission_routes(svr, ctx);
  register_worker_routes(svr, ctx);
  register_batch_routes(svr, ctx);
  register_web_routes(svr, ctx);
}

bool Server::run() {
  auto& ctx = impl_->ctx;
  if (!ctx.db) prepare();
  if (ctx.cfg.port == 0) {
    impl_->port = impl_->svr.bind_to_any_port(ctx.cfg.host);
    if (impl_->port < 0) return false;
  } else {
    if (!impl_->svr.bind_to_port(ctx.cfg.host, ctx.cfg.port)) return false;
    impl_->port = ctx.cfg.port;
  }
  // Debian's libcpp-httplib is compiled with a listen backlog of 5: a burst of connections overflows it
  // and clients wait a second for a SYN retry. listen() again on the bound socket raises it.
  if (impl_->listen_fd >= 0) ::listen(impl_->listen_fd, kListenBacklog);
  impl_->reaper = std::thread([this] {
    while (!impl_->stopping) {
      try {
        int n = queue::reap_expired(*impl_->ctx.db);
        if (n > 0) {
          impl_->ctx.job_queued.notify();
          impl_->ctx.job_finished.notify();
        }
        if (n > 0 && !impl_->ctx.cfg.quiet)
          std::fprintf(stderr, "arbiter serve: %d expired lease(s) returned to the queue\n", n);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "arbiter serve: lease reaper: %s\n", e.what());
      }
      for (int i = 0; i < 10 && !impl_->stopping; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  if (!ctx.cfg.quiet)
    std::fprintf(stderr, "arbiter serve: listening on http://%s:%d (database %s)\n", ctx.cfg.host.c_str(),
                 impl_->port, ctx.db->describe().c_str());
  bool ok = impl_->svr.listen_after_bind();
  impl_->stopping = true;
  return ok || impl_->stopping;
}

void Server::stop() {
  impl_->stopping = true;
  impl_->ctx.job_queued.shutdown();  // long-polls answer now instead of holding up the thread pool
  impl_->ctx.job_finished.shutdown();
  impl_->svr.stop();
}

int Server::bound_port() const { return impl_->port; }

}  // namespace arbiter::service
