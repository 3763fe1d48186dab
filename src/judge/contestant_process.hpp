#pragma once
// The judge's handle on one contestant: spawn (fork + exec of `arbiter contestant`, own
// process group, SIGKILL if the judge dies), CPU accounting, kill, and classifying its end.
#include <sys/types.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wire/channel.hpp"

namespace arbiter::judge {

struct SpawnOptions {
  std::vector<std::string> read_only_paths;
  long address_space_mb = 0;
  long cpu_seconds = 600;
  // Another contestant program (arbiter-python-contestant) with the same fd and flag contract;
  // empty: this binary's `arbiter contestant`.
  std::string executable;
  std::vector<std::string> extra_env;
  // New namespaces, a minimal read-only mount tree and a cgroup (each degrading with a warning
  // where the machine lacks it). Off only for measuring what the sandbox costs (bench/sandbox).
  bool isolate = true;
  std::string exe;  // the arbiter binary to run as `arbiter contestant`; empty: this process's own
  bool unsandboxed_for_bench = false;  // also skip seccomp/Landlock/rlimits inside: benches only
  int pids_max = 64;
  std::vector<std::string> read_write_paths;   // Landlock: writable (the GPU's device nodes)
  std::vector<std::string> devices;            // device nodes bound into the mount tree
  std::vector<std::string> contestant_flags;   // e.g. --cuda
  bool writable_proc = false;                  // see sandbox::mounts::Plan::proc_writable
  // Bound writable into the mount tree and writable under Landlock: the compile warm-up's cache,
  // never the timed contestant's (python/warmup.hpp).
  std::vector<std::string> writable_dirs;
};

// Development aids read from the judge's environment (docs/CUDA.md, "Measuring what a runtime asks
// of the sandbox"), never for judging:
// ARBITER_DEV_SECCOMP_LOG=1 starts the contestant with a filter that logs instead of trapping;
// ARBITER_DEV_CONTESTANT_ENV="K=V …" adds to its environment (library debug logs).
void add_development_knobs(SpawnOptions& so);

// What the judge set up around the contestant (the contestant reports the rest in its hello).
struct OuterBox {
  std::vector<std::string> namespaces;
  std::string mounts = "host";  // "minimal read-only root, private tmpfs /tmp, fresh /proc" when isolated
  std::string cgroup = "none";
  std::vector<std::string> warnings;
  void merge_into(nlohmann::json& status) const;
};

struct ContestantEnd {
  bool exited = false;    // normal exit (code valid)
  int code = 0;
  int signal = 0;         // killing signal, when !exited
  int violation = -1;     // syscall number the sandbox trapped, or -1
  int64_t cpu_ns = -1;    // CPU time of all its threads at the end (wait4's rusage)
  long cpu_limit_s = 0;   // its RLIMIT_CPU (soft)
  // Ended by RLIMIT_CPU: SIGXCPU at the soft limit, or SIGKILL from the hard one (one second on).
  bool cpu_limit_exceeded() const;
  static constexpr int kUnknownSyscall = 1 << 30;  // killed by SIGSYS with our handler bypassed
  std::string describe() const;  // "exit 3", "killed by SIGSEGV", "sandbox: syscall ptrace"
};

namespace detail { struct Resources; }

class ContestantProcess {
 public:
  static ContestantProcess spawn(const SpawnOptions& o);
  ContestantProcess(ContestantProcess&& o) noexcept;
  ContestantProcess& operator=(ContestantProcess&&) = delete;
  ~ContestantProcess();

  wire::Channel& channel() { return channel_; }
  pid_t pid() const { return pid_; }
  int64_t cpu_ns() const;  // CPU time of every thread of the contestant so far; -1 if gone
  // Time the contestant's main (harness) thread spent runnable but waiting for a CPU, from
  // /proc/<pid>/schedstat; -1 if unavailable. Lets the judge discount scheduling noise.
  int64_t run_delay_ns() const;
  void kill();              // SIGKILL to the whole process group
  // Waits up to timeout_ms for the process to end (killing it after that) and says how it ended.
  ContestantEnd finish(int timeout_ms);
  bool alive();
  const OuterBox& box() const { return box_; }

 private:
  ContestantProcess() = default;
  pid_t pid_ = -1;
  int violation_fd_ = -1;
  clockid_t cpu_clock_{};
  bool have_cpu_clock_ = false;
  bool reaped_ = false;
  int wait_status_ = 0;
  int64_t exit_cpu_ns_ = -1;
  long cpu_limit_s_ = 0;
  bool reap(int options);  // wait4: status and CPU time
  wire::Channel channel_;
  int schedstat_fd_ = -1;
  OuterBox box_;
  std::shared_ptr<detail::Resources> resources_;  // the cgroup, removed after the process ends
};

// The same for the calling thread (the judge's own waits for a CPU).
int64_t own_run_delay_ns();

}  // namespace arbiter::judge
