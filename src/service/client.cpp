#include "service/client.hpp"

#include <httplib.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace arbiter::service::client {

std::string login_file() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  std::string base;
  if (xdg && *xdg)
    base = xdg;
  else if (const char* home = std::getenv("HOME"))
    base = std::string(home) + "/.config";
  else
    base = ".";
  return base + "/arbiter/service.json";
}

Endpoint resolve(const std::string& url_flag, const std::string& token_flag, bool need_token) {
  Endpoint e;
  nlohmann::json saved;
  {
    std::ifstream in(login_file());
    if (in) saved = nlohmann::json::parse(in, nullptr, false);
  }
  auto pick = [&](const std::string& flag, const char* env, const char* key) -> std::string {
    if (!flag.empty()) return flag;
    if (const char* v = std::getenv(env); v && *v) return v;
    if (saved.is_object() && saved.contains(key) && saved[key].is_string()) return saved[key];
    return {};
  };
  e.url = pick(url_flag, "ARBITER_SERVER", "server");
  e.token = pick(token_flag, "ARBITER_TOKEN", "token");
  if (e.url.empty()) e.url = "http://127.0.0.1:8080";
  while (!e.url.empty() && e.url.back() == '/') e.url.pop_back();
  if (need_token && e.token.empty())
    throw std::runtime_error("no API token: run 'arbiter login --server URL --token TOKEN', or set ARBITER_TOKEN");
  return e;
}

void save_login(const Endpoint& e) {
  std::filesystem::path p(login_file());
  std::filesystem::create_directories(p.parent_path());
  {
    std::ofstream out(p, std::ios::trunc);
    out << nlohmann::json{{"server", e.url}, {"token", e.token}}.dump(2) << "\n";
    if (!out) throw std::runtime_error("cannot write " + p.string());
  }
  ::chmod(p.c_str(), 0600);
}

struct Api::Impl {
  explicit Impl(const std::string& url) : cli(url) {}
  httplib::Client cli;
};

Api::Api(Endpoint e, int timeout_s) : ep_(std::move(e)), impl_(new Impl(ep_.url)) {
  if (!impl_->cli.is_valid()) {
    delete impl_;
    throw std::runtime_error("bad server URL '" + ep_.url + "': use http://host:port (TLS belongs to a reverse proxy; "
                             "build with OpenSSL for https)");
  }
  impl_->cli.set_connection_timeout(5, 0);
  impl_->cli.set_read_timeout(timeout_s, 0);
  impl_->cli.set_write_timeout(timeout_s, 0);
  impl_->cli.set_keep_alive(true);
  impl_->cli.set_tcp_nodelay(true);
  if (!ep_.token.empty()) impl_->cli.set_bearer_token_auth(ep_.token.c_str());
}

Api::~Api() { delete impl_; }

namespace {
Response convert(const httplib::Result& r, const std::string& url) {
  Response out;
  if (!r) {
    out.error = "cannot reach the server at " + url + ": " + httplib::to_string(r.error());
    return out;
  }
  out.status = r->status;
  if (!r->body.empty()) out.body = nlohmann::json::parse(r->body, nullptr, false);
  if (out.body.is_discarded()) out.body = nlohmann::json{{"text", r->body}};
  if (!out.ok()) {
    if (out.body.is_object() && out.body.contains("error") && out.body["error"].is_string())
      out.error = out.body["error"];
    else
      out.error = "HTTP " + std::to_string(r->status);
  }
  return out;
}
}  // namespace

Response Api::get(const std::string& path) { return convert(impl_->cli.Get(path.c_str()), ep_.url); }

Response Api::post(const std::string& path, const nlohmann::json& body) {
  return convert(impl_->cli.Post(path.c_str(), body.dump(), "application/json"), ep_.url);
}

Response Api::upload(const std::string& path, const std::string& filename, const std::string& content,
                     const std::string& leaderboard, const std::string& mode) {
  httplib::MultipartFormDataItems items = {
      {"file", content, filename, "application/octet-stream"},
      {"leaderboard", leaderboard, "", ""},
      {"mode", mode, "", ""},
  };
  return convert(impl_->cli.Post(path.c_str(), items), ep_.url);
}

void Api::abort() { impl_->cli.stop(); }

Response Api::del(const std::string& path) { return convert(impl_->cli.Delete(path.c_str()), ep_.url); }

}  // namespace arbiter::service::client
