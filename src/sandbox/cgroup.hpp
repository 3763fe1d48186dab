#pragma once
// cgroup v2 limits for one contestant: memory.max (no swap) and pids.max in a child cgroup of
// the judge's own, when cgroup v2 is mounted and that cgroup is delegated to us (writable, with
// the memory and pids controllers enabled for children). Otherwise nothing, and the status
// says that rlimits alone bound memory and processes.
#include <cstdint>
#include <string>

namespace arbiter::sandbox::cgroup {

class Group {
 public:
  // Tries to create the cgroup; on failure ok() is false and why() says what was missing.
  Group(int64_t memory_bytes, int pids_max);
  ~Group();  // kills what is left inside and removes the cgroup
  Group(const Group&) = delete;
  Group& operator=(const Group&) = delete;
  bool ok() const { return fd_ >= 0; }
  int dir_fd() const { return fd_; }  // for clone3(CLONE_INTO_CGROUP)
  const std::string& why() const { return why_; }
  std::string describe() const;       // "v2 memory.max=… pids.max=…" or "none: …"
  bool add(int pid);                  // moves a process in (when CLONE_INTO_CGROUP was not used)
  void kill_all();                    // cgroup.kill (5.14+)
  int64_t memory_peak() const;        // -1 when unknown

 private:
  std::string path_, why_;
  int fd_ = -1;
  int64_t memory_ = 0;
  int pids_ = 0;
};

// Where cgroup v2 is mounted ("" if nowhere) and the judge's own cgroup inside it.
std::string v2_mount();
std::string own_path();

// Where the per-contestant cgroups go: a cgroup whose subtree_control enables memory and pids.
// cgroup v2's "no internal processes" rule forbids enabling controllers for the children of a
// (non-root) cgroup that holds processes, so when the judge is the only process in its own
// cgroup it first moves itself into a leaf `<own>/arbiter-judge`, and the contestants become that
// leaf's siblings. `root` is the cgroup2 mount point (a parameter, so tests can use a fake tree).
struct Parent {
  std::string path;    // empty: no usable parent
  std::string why;     // when empty path: what was missing
  std::string action;  // what was done to get there ("" when nothing was needed)
  bool ok() const { return !path.empty(); }
};
Parent prepare_parent(const std::string& root, const std::string& own, int pid);
// prepare_parent for this process, once (the move is not repeated); "" root: not mounted.
const Parent& judge_parent();

}  // namespace arbiter::sandbox::cgroup
