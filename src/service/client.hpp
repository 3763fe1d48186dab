#pragma once
// The HTTP client side shared by `arbiter submit/login/...` and the worker: where the server and
// token come from (flags, ARBITER_SERVER / ARBITER_TOKEN, or the login file), and JSON calls.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace arbiter::service::client {

struct Endpoint {
  std::string url;    // http://host:port
  std::string token;  // arb_...
};

// $XDG_CONFIG_HOME/arbiter/service.json (or ~/.config/arbiter/service.json).
std::string login_file();
// Flags win, then the environment, then the login file; throws with advice if nothing is set.
Endpoint resolve(const std::string& url_flag, const std::string& token_flag, bool need_token = true);
void save_login(const Endpoint& e);

struct Response {
  int status = 0;  // 0: the server could not be reached
  nlohmann::json body;
  std::string error;  // transport error or the server's "error" field
  bool ok() const { return status >= 200 && status < 300; }
};

class Api {
 public:
  explicit Api(Endpoint e, int timeout_s = 30);
  ~Api();
  Response get(const std::string& path);
  Response post(const std::string& path, const nlohmann::json& body);
  Response upload(const std::string& path, const std::string& filename, const std::string& content,
                  const std::string& leaderboard, const std::string& mode);
  Response del(const std::string& path);
  const Endpoint& endpoint() const { return ep_; }
  // Aborts a request in flight on another thread (it returns status 0); safe to call any time.
  void abort();

 private:
  struct Impl;
  Endpoint ep_;
  Impl* impl_;
};

}  // namespace arbiter::service::client
