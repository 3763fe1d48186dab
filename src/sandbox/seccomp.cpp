#include "sandbox/seccomp.hpp"

#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <cstddef>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "core/error.hpp"

namespace arbiter::sandbox::seccomp {
namespace {

int g_violation_fd = -1;

// Async-signal-safe: only write and _exit.
void on_sigsys(int, siginfo_t* info, void*) {
  int nr = info->si_syscall;
  if (g_violation_fd >= 0) (void)!::write(g_violation_fd, &nr, sizeof nr);
  ::syscall(SYS_exit_group, kViolationExit);
}

// The calls a native kernel and our harness need; everything else traps.
constexpr int kAllowed[] = {
    SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(readv), SCMP_SYS(writev), SCMP_SYS(pread64),
    SCMP_SYS(close), SCMP_SYS(fstat), SCMP_SYS(newfstatat), SCMP_SYS(statx), SCMP_SYS(lseek),
    SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mprotect), SCMP_SYS(madvise), SCMP_SYS(brk),
    SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigreturn), SCMP_SYS(sigaltstack),
    SCMP_SYS(futex), SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres), SCMP_SYS(clock_nanosleep),
    SCMP_SYS(nanosleep), SCMP_SYS(gettimeofday), SCMP_SYS(sched_yield), SCMP_SYS(sched_getaffinity),
    SCMP_SYS(getpid), SCMP_SYS(gettid), SCMP_SYS(getuid), SCMP_SYS(geteuid), SCMP_SYS(getgid), SCMP_SYS(getegid),
    SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(set_robust_list), SCMP_SYS(get_robust_list), SCMP_SYS(rseq),
    SCMP_SYS(set_tid_address), SCMP_SYS(getrandom), SCMP_SYS(uname), SCMP_SYS(getcwd), SCMP_SYS(sysinfo),
    SCMP_SYS(poll), SCMP_SYS(ppoll), SCMP_SYS(recvmsg), SCMP_SYS(sendmsg), SCMP_SYS(membarrier),
    SCMP_SYS(sched_getparam), SCMP_SYS(sched_getscheduler), SCMP_SYS(getrusage), SCMP_SYS(times),
    // Scratch files in the private /tmp (Landlock confines these to it).
    SCMP_SYS(pwrite64), SCMP_SYS(ftruncate), SCMP_SYS(fsync), SCMP_SYS(fdatasync), SCMP_SYS(unlink),
    SCMP_SYS(unlinkat), SCMP_SYS(mkdir), SCMP_SYS(mkdirat), SCMP_SYS(rmdir), SCMP_SYS(rename),
    SCMP_SYS(renameat), SCMP_SYS(renameat2),
};

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
// Test builds only: the sanitizer runtime probes memory through a pipe and reads its own maps.
constexpr int kSanitizerOnly[] = {SCMP_SYS(pipe2), SCMP_SYS(pipe), SCMP_SYS(readlink)};
#endif

void must(int rc, const char* what) {
  if (rc < 0) fail("seccomp: {}: {}", what, std::strerror(-rc));
}

}  // namespace

std::string syscall_name(int nr) {
  char* n = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
  std::string s = n ? n : "#" + std::to_string(nr);
  std::free(n);
  return s;
}

void forbid_shared_file_maps_on_this_thread() {
  // Hand-written BPF (libseccomp would probe with calls the first filter forbids): on this
  // architecture, mmap with MAP_SHARED (or MAP_SHARED_VALIDATE) and not MAP_ANONYMOUS fails
  // with EACCES; everything else goes on to the first filter.
  sock_filter prog[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mmap, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, args[3])),  // flags, low half
      BPF_STMT(BPF_ALU | BPF_AND | BPF_K, MAP_SHARED | MAP_ANONYMOUS),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, MAP_SHARED, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  sock_fprog fprog{static_cast<unsigned short>(sizeof prog / sizeof prog[0]), prog};
  if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0) fail("{}", errno_text("seccomp (thread filter)"));
}

void apply(const Policy& p, Status& s) {
  if (p.profile == Profile::build) return apply_build(p, s);
  g_violation_fd = p.violation_fd;
  struct sigaction sa {};
  sa.sa_sigaction = on_sigsys;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  if (::sigaction(SIGSYS, &sa, nullptr) != 0) fail("{}", errno_text("sigaction SIGSYS"));

  // log_only: a development aid for measuring what a runtime needs (strace beside it); never a default.
  std::unique_ptr<void, void (*)(scmp_filter_ctx)> ctx(seccomp_init(p.seccomp_log_only ? SCMP_ACT_LOG : SCMP_ACT_TRAP),
                                                       seccomp_release);
  if (!ctx) fail("seccomp_init failed");
  must(seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_TSYNC, 1), "TSYNC");
  must(seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_NNP, 1), "no_new_privs");
  for (int nr : kAllowed) must(seccomp_rule_add(ctx.get(), SCMP_ACT_ALLOW, nr, 0), "allow");
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  for (int nr : kSanitizerOnly) must(seccomp_rule_add(ctx.get(), SCMP_ACT_ALLOW, nr, 0), "allow (sanitizer)");
  s.warnings.push_back("sanitizer build: pipe2 and readlink allowed for the sanitizer runtime");
#endif
  // Threads only: clone without CLONE_THREAD would be a new process.
  must(seccomp_rule_add(ctx.get(), SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
                        SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD)),
       "clone");
  // clone3 passes flags in memory we cannot inspect: make glibc fall back to clone.
  must(seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0), "clone3");
  if (p.profile == Profile::native) {
    // Opening files, for writing too: seccomp cannot see paths, so Landlock decides which (write
    // and create only beneath the private /tmp), and the read-only mounts refuse the rest again.
    must(seccomp_rule_add(ctx.get(), SCMP_ACT_ALLOW, SCMP_SYS(openat), 0), "openat");
  } else {
    // The Python harness gets no writable /tmp: opening for writing or creating stays a violation.
    const scmp_datum_t write_flags = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;
    must(seccomp_rule_add(ctx.get(), SCMP_ACT_ALLOW, SCMP_SYS(openat), 1,
                          SCMP_A2(SCMP_CMP_MASKED_EQ, write_flags, 0)),
         "openat");
  }
  // The harness adds one per-thread filter (forbid_shared_file_maps_on_this_thread): mode filter,
  // no flags (no TSYNC that could force it onto the harness's mapper thread, no listener).
  must(seccomp_rule_add(ctx.get(), SCMP_ACT_ALLOW, SCMP_SYS(seccomp), 2, SCMP_A0(SCMP_CMP_EQ, SECCOMP_SET_MODE_FILTER),
                        SCMP_A1(SCMP_CMP_EQ, 0)),
       "seccomp");
  // Signal handlers for anything but SIGSYS, which reports violations.
  must(seccomp_rule_add(ctx.get(), SCMP_ACT_ALLOW, SCMP_SYS(rt_sigaction), 1, SCMP_A0(SCMP_CMP_NE, SIGSYS)),
       "rt_sigaction");
  // raise()/abort() signal their own process only.
  must(seccomp_rule_add(ctx.get(), SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
                        SCMP_A0(SCMP_CMP_EQ, static_cast<scmp_datum_t>(::getpid()))),
       "tgkill");
  // Reading limits is fine; changing them is not.
  must(seccomp_rule_add(ctx.get(), SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 1, SCMP_A2(SCMP_CMP_EQ, 0)), "prlimit64");
  // isatty() from stdio.
  must(seccomp_rule_add(ctx.get(), SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1, SCMP_A1(SCMP_CMP_EQ, TCGETS)), "ioctl");
  must(seccomp_rule_add(ctx.get(), SCMP_ACT_ALLOW, SCMP_SYS(fcntl), 1, SCMP_A1(SCMP_CMP_EQ, F_GETFL)), "fcntl");
  must(seccomp_rule_add(ctx.get(), SCMP_ACT_ALLOW, SCMP_SYS(fcntl), 1, SCMP_A1(SCMP_CMP_EQ, F_GETFD)), "fcntl");
  if (p.profile == Profile::python || p.profile == Profile::cuda) {
    // (Neither uses per-call host outputs; the CUDA driver and CPython's allocators remap.)
    must(seccomp_rule_add(ctx.get(), SCMP_ACT_ALLOW, SCMP_SYS(mremap), 0), "mremap");
    if (p.profile == Profile::python) {
      add_python_rules(ctx.get());
      add_no_gpu_rules(ctx.get());
    }
    else add_cuda_rules(ctx.get());
  } else {
    // mremap could duplicate (old_size 0, MREMAP_DONTUNMAP) or move the per-call output mapping
    // out of the harness's reach, so that it survives the harness unmapping it after the call.
    // A failure rather than a trap: glibc's realloc falls back to malloc + copy.
    must(seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(ENOMEM), SCMP_SYS(mremap), 0), "mremap");
  }
  must(seccomp_load(ctx.get()), "load");
  s.no_new_privs = true;
  s.seccomp = true;
}

}  // namespace arbiter::sandbox::seccomp
