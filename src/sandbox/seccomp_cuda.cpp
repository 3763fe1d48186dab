// What the CUDA driver and runtime need beyond the Python profile's file-reading calls: ioctls on
// the device nodes it opened, opening those nodes read-write (Landlock confines where: only
// /dev/nvidia* and the private /tmp are writable), its helper threads' eventfds and pipes.
// Measured with strace on the H100 host (docs/gpu-results.md): after the filter, an honest run
// made ioctl, mmap/munmap/mprotect, futex, eventfd writes and channel I/O; the GPU red team
// (streams, graphs, host threads, events) runs under exactly this list. Nothing that creates processes,
// reaches the network or traces another process.
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <sys/prctl.h>

#include <cstring>

#include "core/error.hpp"
#include "sandbox/seccomp.hpp"

namespace arbiter::sandbox::seccomp {
namespace {
void must(int rc, const char* what) {
  if (rc < 0) fail("seccomp (cuda profile): {}: {}", what, std::strerror(-rc));
}
}  // namespace

void add_cuda_rules(void* raw) {
  auto* ctx = static_cast<scmp_filter_ctx>(raw);
  add_python_rules(raw);
  // The driver talks to the GPU through ioctls on /dev/nvidia*; its command set is the driver's
  // own and changes between versions, so it is not filtered by number.
  must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 0), "ioctl");
  const scmp_datum_t forbidden = O_WRONLY | O_CREAT | O_TRUNC | O_APPEND;
  must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(openat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, forbidden, 0)),
       "openat read-write");
  // The driver names the helper threads it starts later (under PyTorch, when cuBLAS or a new
  // stream needs one) by opening /proc/self/task/N/comm with exactly these flags; Landlock would
  // refuse that write anyway, so it gets Landlock's answer instead of a trap. Any other
  // opening for writing (Python's open(…, "w") adds O_CLOEXEC) still traps.
  must(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(openat), 1,
                        SCMP_A2(SCMP_CMP_EQ, O_WRONLY | O_CREAT | O_TRUNC)),
       "openat thread name");
  // The driver's helper threads signal through eventfds and pipes.
  for (int nr : {SCMP_SYS(eventfd2), SCMP_SYS(pipe2)}) must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0), "allow");
  // PyTorch reads the real-time priority range at import (static values; changing a policy
  // stays a violation).
  for (int nr : {SCMP_SYS(sched_get_priority_max), SCMP_SYS(sched_get_priority_min)})
    must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0), "allow");
  // Probed by the runtime (affinity, priorities) and, under PyTorch, the driver's repair of its
  // device nodes' modes (chmod /dev/nvidiactl: the mount is read-only anyway): refuse quietly.
  for (int nr : {SCMP_SYS(sched_setaffinity), SCMP_SYS(setpriority), SCMP_SYS(chmod), SCMP_SYS(fchmodat),
                 SCMP_SYS(mknod), SCMP_SYS(mknodat)})
    must(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0), "errno");
  // Thread names only; every other prctl stays a violation.
  must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prctl), 1, SCMP_A0(SCMP_CMP_EQ, PR_SET_NAME)), "prctl");
  must(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(mlock2), 0), "errno");
}

}  // namespace arbiter::sandbox::seccomp
