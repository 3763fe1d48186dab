#pragma once
// `arbiter serve`: the HTTP JSON API, the web pages and the lease reaper over one database.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace arbiter::service {

struct ServerConfig {
  std::string db_url = "arbiter.db";  // SQLite file, or postgresql://...
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string data_dir = ".";  // where the first start writes arbiter-admin-token
  int lease_ms = 30000;
  int max_attempts = 3;
  std::size_t max_upload_bytes = 256 * 1024;   // one submission file
  std::size_t max_body_bytes = 64u << 20;      // any request (batches)
  int threads = 32;             // HTTP threads; long-polls hold at most 3/4 of them
  int max_claim_wait_ms = 20000;  // the longest a worker's claim may wait for a job
  int db_pool = 8;
  bool quiet = false;
};

class Server {
 public:
  explicit Server(ServerConfig cfg);
  ~Server();
  // Opens the database, applies migrations, bootstraps the admin; throws with a message on failure.
  void prepare();
  // Serves until stop(); returns false if the port could not be bound.
  bool run();
  void stop();
  int bound_port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace arbiter::service
