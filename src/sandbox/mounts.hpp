#pragma once
// The contestant's file system: a fresh read-only root on tmpfs holding read-only binds of what
// it needs (its runtime, the arbiter binary, the submission, /dev/null, /dev/urandom), a
// size-capped private tmpfs at /tmp and a fresh /proc for its own pid namespace (or none).
// Every bound path keeps its host path, so nothing else has to translate paths.
//
// plan() runs in the judge before the clone (it may allocate); build() runs in the cloned
// child, which may share a multithreaded judge's heap: it only makes system calls.
#include <string>
#include <vector>

namespace arbiter::sandbox::mounts {

struct Bind {
  std::string host;    // the path in the judge's tree
  std::string source;  // /proc/self/fd/N: the child's O_PATH descriptor of host (see open_sources)
  std::string target;  // under the staging root
  bool device = false; // keeps device nodes usable (no MS_NODEV)
  bool writable = false; // not remounted read-only (the compile warm-up's cache)
  int fd = -1;         // N
};

struct Plan {
  std::string staging = "/tmp";           // mounted over in the child's own mount namespace only
  std::vector<std::string> dirs, files;   // created under staging before the binds
  std::vector<std::pair<std::string, std::string>> symlinks;  // (path, target), e.g. /lib -> usr/lib
  std::vector<Bind> binds;
  std::string private_tmp, proc;          // staging + "/tmp", staging + "/proc"
  std::string private_tmp_options = "size=64m,nr_inodes=1024,mode=1777";
  std::vector<std::string> skipped;       // requested paths that do not exist here
  // The CUDA driver names its threads through /proc/self/task/N/comm while it initialises, before
  // Landlock and seccomp close every write outside the private /tmp; it fails without that.
  bool proc_writable = false;
};

// Read-only paths (directories or files; symlinks are recreated, not followed) plus devices, plus
// directories bound writable (the compile warm-up's cache; nothing else ever is).
void plan(Plan& p, const std::vector<std::string>& read_only, const std::vector<std::string>& devices,
          const std::vector<std::string>& writable = {});

// Child side, first, while it still has the judge's ids (so it can traverse the judge's private
// work dir): opens every bind source as O_PATH at its fixed descriptor number. A descriptor
// opened by the judge would not do: it belongs to the judge's mount namespace, and the kernel
// refuses binds from another namespace. Returns 0 or an errno.
int open_sources(const Plan& p, const char** step);

// Child side, after the ids are mapped. Returns 0, or an errno with *step naming what failed. *proc_ok says whether the
// fresh /proc could be mounted (a container that masks parts of its /proc refuses it).
int build(const Plan& p, const char** step, bool* proc_ok);

}  // namespace arbiter::sandbox::mounts
