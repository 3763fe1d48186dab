// What CPython and PyTorch need beyond the native allow-list (measured with strace on
// `import torch` and a CPU matmul), and nothing that creates processes, opens files for
// writing or reaches the network. Calls that libraries merely probe get an error instead of a
// trap, so an honest import never dies on them.
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/ioctl.h>

#include <cstring>

#include "core/error.hpp"
#include "sandbox/seccomp.hpp"

namespace arbiter::sandbox::seccomp {
namespace {
void must(int rc, const char* what) {
  if (rc < 0) fail("seccomp (python profile): {}: {}", what, std::strerror(-rc));
}
}  // namespace

void add_python_rules(void* raw) {
  auto* ctx = static_cast<scmp_filter_ctx>(raw);
  // Reading the interpreter, the standard library and site-packages (Landlock limits where).
  for (int nr : {SCMP_SYS(getdents64), SCMP_SYS(readlink), SCMP_SYS(readlinkat), SCMP_SYS(access),
                 SCMP_SYS(faccessat), SCMP_SYS(faccessat2), SCMP_SYS(statfs), SCMP_SYS(fstatfs), SCMP_SYS(lstat),
                 SCMP_SYS(stat), SCMP_SYS(getppid), SCMP_SYS(get_mempolicy), SCMP_SYS(epoll_create1),
                 SCMP_SYS(epoll_ctl), SCMP_SYS(epoll_wait), SCMP_SYS(sched_getaffinity), SCMP_SYS(getpgrp)})
    must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0), "allow");
  // Descriptor bookkeeping of io and mmap (duplicating and flagging descriptors it already has).
  for (int cmd : {F_DUPFD_CLOEXEC, F_SETFD, F_SETFL})
    must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(fcntl), 1, SCMP_A1(SCMP_CMP_EQ, static_cast<scmp_datum_t>(cmd))),
         "fcntl");
  must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(dup), 0), "dup");
  // CPython marks descriptors close-on-exec with ioctl(FIOCLEX) (formatting a SyntaxError
  // reopens the source); it only restricts the caller's own descriptor. FIONCLEX still traps.
  must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1, SCMP_A1(SCMP_CMP_EQ, FIOCLEX)), "ioctl FIOCLEX");
  // CPython's signal module reads every handler at start-up, SIGSYS included; reading it is
  // harmless, replacing it (which would silence violations) still traps.
  must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(rt_sigaction), 2, SCMP_A0(SCMP_CMP_EQ, SIGSYS),
                        SCMP_A1(SCMP_CMP_EQ, 0)),
       "rt_sigaction");
  // Caches touch what they hit (torch.compile's, on a warm cache the builder filled): file times
  // change nothing here and the files are read-only anyway, so the call succeeds doing nothing.
  for (int nr : {SCMP_SYS(utimensat), SCMP_SYS(utime), SCMP_SYS(utimes), SCMP_SYS(futimesat)})
    must(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(0), nr, 0), "utimensat (no-op)");
  // Hard and symbolic links: refused as a file system without them refuses (EPERM). PyTorch
  // probes for hard links in a temporary directory before it caches (seen under strace on the
  // H200: "probe-source" -> "probe-link") and goes on without them.
  for (int nr : {SCMP_SYS(link), SCMP_SYS(linkat), SCMP_SYS(symlink), SCMP_SYS(symlinkat)})
    must(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0), "link (EPERM)");
  // PyTorch 2.x's CPU runtime (strace of a CPU problem's contestant, no GPU, on the H200 host):
  // reads the real-time priority range (static values), pins its pool threads (refused quietly,
  // as under CUDA: the box's CPUs are the cgroup's), and reads /proc/self/environ with the legacy
  // open call, allowed read-only exactly as openat is.
  for (int nr : {SCMP_SYS(sched_get_priority_max), SCMP_SYS(sched_get_priority_min)})
    must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0), "allow");
  for (int nr : {SCMP_SYS(sched_setaffinity), SCMP_SYS(setpriority)})
    must(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0), "errno");
  const scmp_datum_t write_flags = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;
  must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(open), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, write_flags, 0)), "open");
  // MKL and oneDNN ask for the AMX tile state (a permission of this process's own, seen with
  // torch.linalg.qr on the CPU): these three queries only; the rest of arch_prctl still traps.
  constexpr scmp_datum_t kArchGetXcompSupp = 0x1021, kArchGetXcompPerm = 0x1022, kArchReqXcompPerm = 0x1023;
  for (scmp_datum_t op : {kArchGetXcompSupp, kArchGetXcompPerm, kArchReqXcompPerm})
    must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(arch_prctl), 1, SCMP_A0(SCMP_CMP_EQ, op)), "arch_prctl");
  // The CUDA driver's event descriptors and pipes, within this process (in a box without a GPU,
  // see add_no_gpu_rules): harmless, as no process can be started to share them.
  for (int nr : {SCMP_SYS(eventfd2), SCMP_SYS(pipe2)}) must(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0), "allow");
  // Probed by glibc (nscd lookups), libnuma and allocators: refuse quietly.
  for (int nr : {SCMP_SYS(socket), SCMP_SYS(connect), SCMP_SYS(mlock), SCMP_SYS(set_mempolicy), SCMP_SYS(mbind)})
    must(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0), "errno");
}

void add_no_gpu_rules(void* raw) {
  auto* ctx = static_cast<scmp_filter_ctx>(raw);
  const scmp_datum_t write_flags = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;
  // A CPU problem's box has no GPU, yet the host's CUDA driver library is readable under /usr, so
  // `torch.cuda.is_available()` starts it: its read-write opening of /dev/nvidiactl (absent here)
  // fails as a missing device would instead of trapping, so the answer is the honest "no".
  // It also names its threads through /proc/self/task/N/comm with exactly these flags: refused
  // as Landlock would (under CUDA the same rule, seccomp_cuda.cpp). Python's open(…, "w") adds
  // O_CLOEXEC, and every other opening for writing, creating or truncating still traps.
  must(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(openat), 1,
                        SCMP_A2(SCMP_CMP_EQ, O_WRONLY | O_CREAT | O_TRUNC)),
       "openat thread name");
  for (int nr : {SCMP_SYS(openat), SCMP_SYS(open)}) {
    const unsigned arg = nr == SCMP_SYS(openat) ? 2 : 1;
    must(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOENT), nr, 1,
                          scmp_arg_cmp{arg, SCMP_CMP_MASKED_EQ, write_flags, static_cast<scmp_datum_t>(O_RDWR)}),
         "open read-write (ENOENT)");
  }
}

}  // namespace arbiter::sandbox::seccomp
