// The compile warm-up's filter. ninja, g++, ptxas and Triton's or Inductor's compile steps start
// processes, write files and use calls no allow-list could enumerate across toolchains, so this
// one inverts: everything is allowed except the kernel surfaces a compiler never needs and an
// escape would (debugging other processes, BPF, io_uring, keyrings, mounts and namespaces,
// modules). Denied calls fail with EPERM instead of trapping: build tools probe some of them.
// What contains the warm-up is the rest of its box (namespaces, read-only mounts but the cache,
// Landlock, rlimits, cgroup); nothing it produces is trusted: it only fills the submission's
// own cache. `--harness eval`'s box (eval.py starts a worker pool) gets the same list, compiled
// before its fork (deny_list_program) and installed by the child with system calls only.
#include <errno.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <memory>

#include "core/error.hpp"
#include "sandbox/seccomp.hpp"

namespace arbiter::sandbox::seccomp {
namespace {

constexpr int kDenied[] = {
    SCMP_SYS(ptrace), SCMP_SYS(process_vm_readv), SCMP_SYS(process_vm_writev), SCMP_SYS(kcmp),
    SCMP_SYS(pidfd_getfd), SCMP_SYS(bpf), SCMP_SYS(perf_event_open), SCMP_SYS(userfaultfd),
    SCMP_SYS(io_uring_setup), SCMP_SYS(io_uring_enter), SCMP_SYS(io_uring_register),
    SCMP_SYS(keyctl), SCMP_SYS(add_key), SCMP_SYS(request_key),
    SCMP_SYS(mount), SCMP_SYS(umount2), SCMP_SYS(pivot_root), SCMP_SYS(chroot), SCMP_SYS(unshare),
    SCMP_SYS(setns), SCMP_SYS(open_tree), SCMP_SYS(move_mount), SCMP_SYS(fsopen), SCMP_SYS(fsconfig),
    SCMP_SYS(fsmount), SCMP_SYS(fspick), SCMP_SYS(mount_setattr),
    SCMP_SYS(init_module), SCMP_SYS(finit_module), SCMP_SYS(delete_module), SCMP_SYS(kexec_load),
    SCMP_SYS(kexec_file_load), SCMP_SYS(reboot), SCMP_SYS(swapon), SCMP_SYS(swapoff), SCMP_SYS(acct),
    SCMP_SYS(quotactl), SCMP_SYS(syslog), SCMP_SYS(iopl), SCMP_SYS(ioperm), SCMP_SYS(personality),
    SCMP_SYS(open_by_handle_at), SCMP_SYS(name_to_handle_at), SCMP_SYS(fanotify_init),
    SCMP_SYS(settimeofday), SCMP_SYS(clock_settime), SCMP_SYS(clock_adjtime), SCMP_SYS(adjtimex),
    SCMP_SYS(vhangup), SCMP_SYS(lookup_dcookie),
};

// New namespaces by clone as well as by unshare (a namespace's root could mount, or reach
// kernel code written for the host's root only).
constexpr scmp_datum_t kNamespaceFlags[] = {CLONE_NEWUSER, CLONE_NEWNS,  CLONE_NEWPID,   CLONE_NEWNET,
                                            CLONE_NEWIPC,  CLONE_NEWUTS, CLONE_NEWCGROUP};

void must(int rc, const char* what) {
  if (rc < 0) fail("seccomp (build profile): {}: {}", what, std::strerror(-rc));
}

using Ctx = std::unique_ptr<void, void (*)(scmp_filter_ctx)>;

Ctx deny_list(bool log_only) {
  Ctx ctx(seccomp_init(SCMP_ACT_ALLOW), seccomp_release);
  if (!ctx) fail("seccomp_init failed");
  const uint32_t deny = log_only ? SCMP_ACT_LOG : SCMP_ACT_ERRNO(EPERM);
  for (int nr : kDenied) must(seccomp_rule_add(ctx.get(), deny, nr, 0), "deny");
  for (scmp_datum_t f : kNamespaceFlags)
    must(seccomp_rule_add(ctx.get(), deny, SCMP_SYS(clone), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, f, f)), "deny clone");
  // clone3 passes its flags in memory a filter cannot read: glibc falls back to clone on ENOSYS.
  must(seccomp_rule_add(ctx.get(), log_only ? SCMP_ACT_LOG : SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0), "clone3");
  return ctx;
}

}  // namespace

std::vector<sock_filter> deny_list_program() {
  Ctx ctx = deny_list(false);
  const int fd = ::memfd_create("arbiter-seccomp", MFD_CLOEXEC);
  if (fd < 0) fail("{}", errno_text("memfd for the seccomp program"));
  std::vector<sock_filter> prog;
  const int rc = seccomp_export_bpf(ctx.get(), fd);
  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (rc == 0 && size > 0 && size % static_cast<off_t>(sizeof(sock_filter)) == 0) {
    prog.resize(static_cast<std::size_t>(size) / sizeof(sock_filter));
    if (::pread(fd, prog.data(), static_cast<std::size_t>(size), 0) != size) prog.clear();
  }
  ::close(fd);
  if (prog.empty()) fail("seccomp: cannot export the deny-list program ({})", rc < 0 ? std::strerror(-rc) : "short");
  return prog;
}

int install_program(const std::vector<sock_filter>& prog) {
  sock_fprog fprog{static_cast<unsigned short>(prog.size()), const_cast<sock_filter*>(prog.data())};
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return errno;
  if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0) return errno;
  return 0;
}

void apply_build(const Policy& p, Status& s) {
  Ctx ctx = deny_list(p.seccomp_log_only);
  must(seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_TSYNC, 1), "TSYNC");
  must(seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_NNP, 1), "no_new_privs");
  must(seccomp_load(ctx.get()), "load");
  s.no_new_privs = true;
  s.seccomp = true;
}

}  // namespace arbiter::sandbox::seccomp
