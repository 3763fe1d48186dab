// arbiter sandbox-check: which protections the contestant gets on this machine.
#include <iostream>

#include <fmt/format.h>

#include "cli/registry.hpp"
#include "judge/run_backend.hpp"
#include "judge/session.hpp"
#include "sandbox/check.hpp"

namespace {
using namespace arbiter;

// Where a GPU is usable: judge-owned buffers shared with a sandboxed CUDA contestant the way every
// run shares them (cuMem allocations exported as POSIX descriptors), imported, then shut down.
nlohmann::json gpu_sharing() {
  std::string why;
  if (!judge::cuda_usable(&why)) return {{"checked", false}, {"note", why}};
  nlohmann::json out = {{"checked", true}, {"method", "cuMem POSIX file descriptor"}};
  try {
    auto backend = judge::make_cuda_backend();
    auto mem = backend->case_memory(4096, 4096);
    judge::SpawnOptions so;
    so.read_only_paths = {"/usr", "/lib", "/lib64", "/etc/ld.so.cache", "/sys/devices/system/cpu"};
    backend->prepare_spawn(so);
    judge::Session s(judge::ContestantProcess::spawn(so));
    const nlohmann::json hello = s.hello(30000);
    wire::SetupCase d;
    d.params = {{"n", 16}};
    d.inputs = {{"x", 1, {16}, 0, 64}};
    d.outputs = {{"y", 1, {16}, 0, 64}};
    d.input_size = mem->input_size();
    d.output_size = mem->output_size();
    d.memory = wire::MemoryKind::cuda;
    s.setup(d, mem->input_fd(), mem->output_fd(), 30000);
    s.shutdown();
    out["works"] = true;
    out["device"] = backend->device().value("name", "");
    out["contestant_namespaces"] = hello.value("namespaces", nlohmann::json::array());
  } catch (const std::exception& e) {
    out["works"] = false;
    out["error"] = e.what();
  }
  // The legacy cudaIpc handles are not a fallback Arbiter has: a GPU whose driver cannot export
  // POSIX descriptors is refused with the error above (docs/CUDA.md).
  return out;
}

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
    j["gpu_buffer_sharing"] = gpu_sharing();
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
  const nlohmann::json g = gpu_sharing();
  if (!g.value("checked", false)) {
    line("GPU buffer sharing", "not checked: " + g.value("note", std::string()));
  } else if (g.value("works", false)) {
    line("GPU buffer sharing", fmt::format("{}: works (a sandboxed CUDA contestant imported the judge's buffers on {})",
                                           g.value("method", ""), g.value("device", "")));
  } else {
    line("GPU buffer sharing", fmt::format("{}: FAILS: {}", g.value("method", ""), g.value("error", "")));
    return 1;
  }
  return 0;
}

cli::Registrar reg{60, [](CLI::App& app) {
  auto json = std::make_shared<bool>(false);
  auto* c = app.add_subcommand("sandbox-check", "Print which sandbox protections a contestant gets on this machine");
  c->add_flag("--json", *json, "print JSON instead of a table");
  c->callback([json] { cli::set_exit_code(sandbox_check(*json)); });
}};
}  // namespace
