// arbiter sandbox-check: which protections the contestant gets on this machine.
#include <iostream>

#include <fmt/format.h>

#include "cli/registry.hpp"
#include "judge/session.hpp"
#include "sandbox/check.hpp"

namespace {
using namespace arbiter;

int sandbox_check(bool json) {
  auto features = sandbox::check::probe_kernel();
  nlohmann::json contestant;
  std::string error;
  try {
    judge::SpawnOptions so;
    so.read_only_paths = {"/usr", "/lib", "/lib64", "/etc/ld.so.cache", "/sys/devices/system/cpu"};
    judge::Session s(judge::ContestantProcess::spawn(so));
    contestant = s.hello(10000);
    s.shutdown();
  } catch (const std::exception& e) {
    error = e.what();
  }
  if (json) {
    nlohmann::json j;
    for (auto& f : features) j["kernel"][f.name] = {{"available", f.available}, {"detail", f.detail}};
    j["contestant"] = contestant;
    if (!error.empty()) j["error"] = error;
    std::cout << j.dump(2) << "\n";
    return error.empty() ? 0 : 1;
  }
  std::cout << "What this machine offers:\n";
  for (auto& f : features)
    std::cout << fmt::format("  {:<30} {:<4} {}\n", f.name, f.name == "kernel" || f.name == "running as" ? "" : f.available ? "yes" : "NO", f.detail);
  std::cout << "\nWhat a contestant got just now:\n";
  if (!error.empty()) {
    std::cout << "  could not start one: " << error << "\n";
    return 1;
  }
  auto line = [](const char* k, const std::string& v) { std::cout << fmt::format("  {:<30} {}\n", k, v); };
  auto list = [](const nlohmann::json& a) {
    std::string s;
    if (a.is_array())
      for (auto& x : a) s += (s.empty() ? "" : ", ") + x.get<std::string>();
    return s.empty() ? std::string("none") : s;
  };
  line("namespaces", list(contestant.value("namespaces", nlohmann::json::array())));
  line("mount tree", contestant.value("mounts", std::string("?")));
  line("seccomp (TSYNC)", contestant.value("seccomp", false) ? "on" : "OFF");
  line("no_new_privs", contestant.value("no_new_privs", false) ? "on" : "OFF");
  const int abi = contestant.value("landlock_abi", 0);
  line("landlock", abi > 0 ? fmt::format("ABI {}{}", abi, contestant.value("landlock_scoped", false) ? " (scoped)" : "")
                           : std::string("OFF"));
  line("rlimits", list(contestant.value("rlimits", nlohmann::json::array())));
  line("cgroup", contestant.value("cgroup", std::string("?")));
  for (auto& w : contestant.value("warnings", nlohmann::json::array())) line("warning", w.get<std::string>());
  return 0;
}

cli::Registrar reg{60, [](CLI::App& app) {
  auto json = std::make_shared<bool>(false);
  auto* c = app.add_subcommand("sandbox-check", "Print which sandbox protections a contestant gets on this machine");
  c->add_flag("--json", *json, "print JSON instead of a table");
  c->callback([json] { cli::set_exit_code(sandbox_check(*json)); });
}};
}  // namespace
