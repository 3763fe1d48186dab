#pragma once
// What the contestant's box allows, and what actually got switched on (for the report and
// `arbiter sandbox-check`). One file per protection in this folder, orchestrated by contain.cpp.
#include <cstdint>
#include <string>
#include <vector>

namespace arbiter::sandbox {

// Which system calls seccomp allows: `python` adds what CPython and PyTorch need (seccomp_python.cpp),
// `cuda` that plus what the CUDA driver needs (seccomp_cuda.cpp). `build` is the compile warm-up's
// box (seccomp_build.cpp): the compiler may start processes, so it denies the kernel's riskier
// surfaces instead of allowing a list; nothing it does is timed or trusted.
enum class Profile { native, python, cuda, build };

struct Policy {
  std::vector<std::string> read_only_paths;  // Landlock: readable (and executable) beneath these
  std::vector<std::string> read_write_paths; // Landlock: also writable (the compiler's work dir)
  std::vector<int> keep_fds;                 // every other descriptor is closed
  int violation_fd = -1;                     // the SIGSYS handler reports the syscall number here
  int64_t address_space_mb = 0;              // 0: no RLIMIT_AS (sanitizers, CUDA)
  int64_t cpu_seconds = 600;
  int max_open_files = 64;
  bool cuda = false;                         // Landlock: the driver's /proc files (profiles cuda and build)
  Profile profile = Profile::native;
  bool seccomp_log_only = false;             // development only: log instead of trapping (see seccomp.cpp)
  std::vector<uint16_t> tcp_ports;           // Landlock (ABI 4+): TCP bind/connect allowed on these only
  bool scope_abstract_unix = true;           // Landlock (ABI 6+): no abstract sockets beyond the domain
};

struct Status {
  bool no_new_privs = false;
  bool seccomp = false;
  int landlock_abi = 0;  // 0: unavailable
  bool landlock_scoped = false;
  std::vector<std::string> rlimits;
  std::vector<std::string> namespaces;
  std::string cgroup = "none";
  std::vector<std::string> warnings;
};

}  // namespace arbiter::sandbox
