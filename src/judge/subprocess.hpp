#pragma once
// Runs a helper program (the compiler, a compile warm-up) in its own process group with no inherited
// descriptors, rlimits, an optional Landlock policy and network namespace, a wall-clock limit and
// bounded captured output.
#include <atomic>
#include <string>
#include <vector>

#include "sandbox/policy.hpp"

namespace arbiter::judge {

struct SubprocessSpec {
  std::vector<std::string> argv;
  std::vector<std::string> env;
  std::string cwd;
  double time_limit_s = 60;
  long address_space_mb = 4096;
  long file_size_mb = 256;
  long max_open_files = 0;        // 0: inherited
  bool no_network = false;        // a fresh network namespace (inside a user namespace when unprivileged)
  bool landlock = false;
  sandbox::Policy policy;  // read_only_paths / read_write_paths when landlock
  std::size_t max_output = 64 * 1024;
  // Once true, the process group is killed (checked every 50 ms): a run that fails elsewhere
  // need not wait for its compiler.
  const std::atomic<bool>* cancel = nullptr;
};

struct SubprocessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  bool timed_out = false;
  bool cancelled = false;
  // Set when the child could not be sandboxed or started (Landlock, limits, folder, execve):
  // the machine's fault, never the program's.
  std::string setup_failure;
  std::string output;  // stdout and stderr interleaved, truncated to max_output
  double ms = 0;
  std::string network;  // with no_network: "user + network namespaces", "network namespace" or "none"
};

SubprocessResult run_subprocess(const SubprocessSpec& spec);

}  // namespace arbiter::judge
