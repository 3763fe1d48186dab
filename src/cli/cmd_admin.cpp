// arbiter admin user-add|worker-add|token|ban|unban: the organiser's account management.
#include <cstdio>
#include <memory>

#include "cli/registry.hpp"
#include "service/client.hpp"

namespace {

namespace client = arbiter::service::client;

arbiter::cli::Registrar reg{66, [](CLI::App& app) {
  struct Args {
    std::string server, token, name, public_key, gpu_kind, reason;
    double ttl_s = 0;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("admin", "Manage users, workers, tokens and bans (admin token)");
  cmd->require_subcommand(1);
  auto add = [&](const char* name, const char* help) {
    auto* s = cmd->add_subcommand(name, help);
    s->add_option("--server", a->server, "Server URL (default: from 'arbiter login')");
    s->add_option("--token", a->token, "Admin token (default: from 'arbiter login')");
    s->add_option("NAME", a->name, "User or worker name")->required();
    return s;
  };
  auto run = [a](const std::string& path, const nlohmann::json& body, bool del = false) {
    try {
      client::Api api(client::resolve(a->server, a->token));
      auto r = del ? api.del(path) : api.post(path, body);
      if (!r.ok()) {
        std::fprintf(stderr, "arbiter admin: %s\n", r.error.c_str());
        arbiter::cli::set_exit_code(4);
        return;
      }
      std::printf("%s\n", r.body.dump(2).c_str());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "arbiter admin: %s\n", e.what());
      arbiter::cli::set_exit_code(3);
    }
  };
  auto* user = add("user-add", "Create a competitor and print their token (shown once)");
  user->add_option("--ttl-s", a->ttl_s, "Token lifetime in seconds (default: no expiry)");
  user->callback([=] {
    nlohmann::json b = {{"name", a->name}};
    if (a->ttl_s > 0) b["ttl_s"] = a->ttl_s;
    run("/admin/users", b);
  });
  auto* worker = add("worker-add", "Create a worker account and print its token (shown once)");
  worker->add_option("--public-key", a->public_key, "The worker's key from 'arbiter key' (else pinned on first contact)");
  worker->add_option("--gpu-kind", a->gpu_kind, "H100, A100, cpu ...");
  worker->callback([=] {
    nlohmann::json b = {{"name", a->name}};
    if (!a->public_key.empty()) b["public_key"] = a->public_key;
    if (!a->gpu_kind.empty()) b["gpu_kind"] = a->gpu_kind;
    run("/admin/workers", b);
  });
  auto* token = add("token", "Issue another token for a user");
  token->add_option("--ttl-s", a->ttl_s, "Token lifetime in seconds");
  token->callback([=] {
    nlohmann::json b = nlohmann::json::object();
    if (a->ttl_s > 0) b["ttl_s"] = a->ttl_s;
    run("/admin/users/" + a->name + "/tokens", b);
  });
  auto* ban = add("ban", "Ban a user (their submissions leave the leaderboards)");
  ban->add_option("--reason", a->reason, "Shown to the user");
  ban->callback([=] { run("/admin/bans", {{"user", a->name}, {"reason", a->reason.empty() ? "banned by the organiser" : a->reason}}); });
  auto* unban = add("unban", "Lift a ban");
  unban->callback([=] { run("/admin/bans/" + a->name, nullptr, true); });
}};

}  // namespace
