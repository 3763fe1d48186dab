// arbiter submit / login: the competitor's client for an Arbiter server.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include "cli/registry.hpp"
#include "service/client.hpp"
#include "service/client_print.hpp"

namespace {

using arbiter::service::client::Api;
namespace client = arbiter::service::client;

struct SubmitArgs {
  std::string file, leaderboard, mode = "test", server, token;
  bool no_wait = false, json = false;
  double timeout_s = 3600;
};

int submit(const SubmitArgs& a) {
  std::ifstream in(a.file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "arbiter submit: cannot read %s\n", a.file.c_str());
    return 3;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  Api api(client::resolve(a.server, a.token));
  auto r = api.upload("/submissions", std::filesystem::path(a.file).filename().string(), ss.str(), a.leaderboard, a.mode);
  if (!r.ok()) {
    std::fprintf(stderr, "arbiter submit: not accepted (%d): %s\n", r.status, r.error.c_str());
    return 4;
  }
  long long id = r.body["id"].get<long long>();
  if (a.no_wait) {
    std::printf("%lld\n", id);
    return 0;
  }
  bool tty = isatty(STDERR_FILENO);
  auto t0 = std::chrono::steady_clock::now();
  std::string last;
  nlohmann::json sub;
  for (;;) {
    auto s = api.get("/submissions/" + std::to_string(id));
    double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (s.ok()) {
      sub = s.body;
      std::string line = client::progress_line(sub, el);
      if (tty)
        std::fprintf(stderr, "\r\033[K%s", line.c_str());
      else if (line.substr(0, line.rfind("  (")) != last.substr(0, last.rfind("  (")))
        std::fprintf(stderr, "%s\n", line.c_str());
      last = line;
      if (sub["status"] == "done") break;
    } else if (s.status != 0) {
      std::fprintf(stderr, "\narbiter submit: %s\n", s.error.c_str());
      return 4;
    }
    if (el > a.timeout_s) {
      std::fprintf(stderr, "\narbiter submit: still not finished after %.0f s; follow it with 'arbiter submissions show %lld'\n",
                   el, id);
      return 4;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
  }
  if (tty) std::fprintf(stderr, "\n");
  if (a.json) {
    auto full = api.get("/submissions/" + std::to_string(id) + "/report");
    std::printf("%s\n", (full.ok() ? full.body : sub).dump(2).c_str());
  } else {
    std::printf("%s", client::submission_table(sub).c_str());
  }
  return sub["verdict"] == "pass" ? 0 : 1;
}

arbiter::cli::Registrar reg_submit{62, [](CLI::App& app) {
  auto a = std::make_shared<SubmitArgs>();
  auto* cmd = app.add_subcommand("submit", "Upload a submission to a server, follow it and print the verdicts");
  cmd->add_option("FILE", a->file, "Source file")->required();
  cmd->add_option("--leaderboard,-l", a->leaderboard, "Leaderboard name")->required();
  cmd->add_option("--mode,-m", a->mode, "test | benchmark | leaderboard | ranked (the three in one run)")->capture_default_str();
  cmd->add_option("--server", a->server, "Server URL (default: from 'arbiter login' or ARBITER_SERVER)");
  cmd->add_option("--token", a->token, "API token (default: from 'arbiter login' or ARBITER_TOKEN)");
  cmd->add_flag("--no-wait", a->no_wait, "Print the submission id and return");
  cmd->add_flag("--json", a->json, "Print the full reports as JSON at the end");
  cmd->add_option("--timeout-s", a->timeout_s, "Stop following after this long")->capture_default_str();
  cmd->callback([a] {
    try {
      arbiter::cli::set_exit_code(submit(*a));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "arbiter submit: %s\n", e.what());
      arbiter::cli::set_exit_code(3);
    }
  });
}};

arbiter::cli::Registrar reg_login{63, [](CLI::App& app) {
  auto server = std::make_shared<std::string>();
  auto token = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("login", "Check a token against a server and store both in your config folder");
  cmd->add_option("--server", *server, "Server URL")->required();
  cmd->add_option("--token", *token, "API token (default: read from stdin)");
  cmd->callback([=] {
    std::string t = *token;
    if (t.empty()) std::getline(std::cin, t);
    client::Endpoint e = client::resolve(*server, t);
    Api api(e);
    auto r = api.get("/me");
    if (!r.ok()) {
      std::fprintf(stderr, "arbiter login: %s\n", r.error.c_str());
      arbiter::cli::set_exit_code(4);
      return;
    }
    client::save_login(e);
    std::printf("logged in to %s as %s (%s); saved to %s\n", e.url.c_str(), r.body["name"].get<std::string>().c_str(),
                r.body["role"].get<std::string>().c_str(), client::login_file().c_str());
  });
}};

}  // namespace
