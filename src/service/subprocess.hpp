#pragma once
// Runs a child process (the judge or the auditor) in its own process group, with stdout and stderr
// sent to files, a wall-clock limit (the whole group is killed), and a callback while it runs.
#include <functional>
#include <string>
#include <vector>

namespace arbiter::service {

struct ProcessResult {
  int exit_code = -1;     // valid when signal == 0 and !timed_out
  int signal = 0;         // the signal that killed it, if any
  bool timed_out = false;
  bool spawn_failed = false;
  bool cancelled = false; // the callback returned false and the group was killed
  std::string error;      // why spawning failed
};

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdout_path,
                          const std::string& stderr_path, int timeout_ms,
                          const std::function<bool()>& every_200ms = {});

std::string read_text(const std::string& path, std::size_t max_bytes = 1 << 20, bool tail = false);

}  // namespace arbiter::service
