// arbiter sandbox-check: which protections the contestant gets on this machine.
#include <iostream>

#include <fmt/format.h>

#include "cli/registry.hpp"
#include "judge/run_backend.hpp"
#include "judge/session.hpp"
#include "sandbox/check.hpp"

namespace {
using namespace arbiter;

// Judge-owned buffers shared with a sandboxed CUDA contestant the way a run shares them by this
// method ("fd": cuMem allocations exported as POSIX descriptors, "ipc": legacy IPC handles),
// imported, then shut down.
nlohmann::json try_sharing(const std::string& how) {
  nlohmann::json out;
  try {
    auto backend = judge::make_cuda_backend(how);
    out["method"] = backend->device().value("buffer_sharing", how);
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
    d.ipc_handles = mem->peer_handles();
    s.setup(d, mem->input_fd(), mem->output_fd(), 30000);
    s.shutdown();
    out["works"] = true;
    out["device"] = backend->device().value("name", "");
    out["contestant_namespaces"] = hello.value("namespaces", nlohmann::json::array());
  } catch (const std::exception& e) {
    out["works"] = false;
    out["error"] = e.what();
  }
  return out;
}

// Where a GPU is usable: both methods, and the one runs use here (ARBITER_GPU_SHARING or the
// device's support).
nlohmann::json gpu_sharing() {
  std::string why;
  if (!judge::cuda_usable(&why)) return {{"checked", false}, {"note", why}};
  nlohmann::json out = {{"checked", true}};
  try {
    out["used"] = judge::cuda_sharing_in_use();
  } catch (const std::exception& e) {
    out["used"] = "";
    out["error"] = e.what();
  }
  out["methods"] = {try_sharing("fd"), try_sharing("ipc")};
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
    return 0;
  }
  // A sandboxed CUDA contestant imported the judge's buffers by each method, or did not.
  bool used_works = false;
  for (const auto& m : g["methods"]) {
    const std::string method = m.value("method", "");
    const bool used = method == g.value("used", "");
    const bool works = m.value("works", false);
    used_works |= used && works;
    line("GPU buffer sharing", fmt::format("{}: {}{}", method, works ? "works on " + m.value("device", "") : "FAILS: " + m.value("error", ""),
                                           used ? " (runs here use it)" : ""));
  }
  if (!used_works) {
    line("GPU buffer sharing", "the method runs use here fails: set ARBITER_GPU_SHARING=fd or ipc to the one that works");
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
