// arbiter serve: the contest server (HTTP JSON API + web pages) over SQLite or PostgreSQL.
#include <csignal>
#include <cstdio>
#include <memory>
#include <thread>

#include <pthread.h>

#include "cli/registry.hpp"
#include "service/server.hpp"

namespace {

arbiter::cli::Registrar reg{60, [](CLI::App& app) {
  auto cfg = std::make_shared<arbiter::service::ServerConfig>();
  auto db = std::make_shared<std::string>();
  auto lease_s = std::make_shared<double>(30);
  auto upload_kb = std::make_shared<std::size_t>(256);
  auto* cmd = app.add_subcommand("serve", "Run the contest server (API, web pages, durable job queue)");
  cmd->add_option("--db", *db,
                  "Database: a SQLite file (default DATA_DIR/arbiter.db) or postgresql://user:pass@host/dbname");
  cmd->add_option("--host", cfg->host, "Address to listen on (default 127.0.0.1; put TLS in a reverse proxy)");
  cmd->add_option("--port", cfg->port, "TCP port (0: any free port)")->capture_default_str();
  cmd->add_option("--data-dir", cfg->data_dir, "Folder for the SQLite file and the first admin token")->capture_default_str();
  cmd->add_option("--lease-s", *lease_s, "Seconds a worker's claim lasts without a heartbeat")->capture_default_str();
  cmd->add_option("--max-attempts", cfg->max_attempts, "Judging attempts before a job ends with 'error'")->capture_default_str();
  cmd->add_option("--max-upload-kb", *upload_kb, "Largest submission file")->capture_default_str();
  cmd->add_option("--threads", cfg->threads, "HTTP worker threads")->capture_default_str();
  cmd->add_option("--db-pool", cfg->db_pool, "PostgreSQL connections")->capture_default_str();
  cmd->add_flag("--quiet", cfg->quiet, "Log only errors");
  cmd->callback([=] {
    cfg->db_url = db->empty() ? cfg->data_dir + "/arbiter.db" : *db;
    cfg->lease_ms = static_cast<int>(*lease_s * 1000);
    cfg->max_upload_bytes = *upload_kb * 1024;
    // SIGINT/SIGTERM stop the server cleanly; they are waited for on a thread of their own.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    arbiter::service::Server server(*cfg);
    try {
      server.prepare();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "arbiter serve: %s\n", e.what());
      arbiter::cli::set_exit_code(1);
      return;
    }
    std::thread waiter([&server, set] {
      int sig = 0;
      sigwait(&set, &sig);
      if (sig != SIGUSR2) server.stop();
    });
    bool ok = server.run();
    if (!ok) std::fprintf(stderr, "arbiter serve: cannot listen on %s:%d\n", cfg->host.c_str(), cfg->port);
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    arbiter::cli::set_exit_code(ok ? 0 : 1);
  });
}};

}  // namespace
