#pragma once
// The untrusted side of an evaluation: `arbiter contestant`, exec'd by the judge.
#include <string>
#include <vector>

namespace arbiter::contestant {

struct Options {
  int channel_fd = 3;
  int violation_fd = 4;
  std::vector<std::string> read_only_paths;
  std::vector<std::string> read_write_paths;  // the private /tmp when the judge built one; GPU device nodes
  long address_space_mb = 0;
  long cpu_seconds = 600;
  bool unsandboxed_for_bench = false;  // bench/sandbox only: measures what the sandbox costs
  bool cuda = false;                   // CUDA backend: device set up before the sandbox closes
  bool seccomp_log_only = false;       // development only (measuring a runtime's needs)
};

// Enters the sandbox, then serves the judge until shutdown. Returns the exit status.
int run(const Options& o);

}  // namespace arbiter::contestant
