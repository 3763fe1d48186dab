// The compile warm-up's filter. ninja, g++, ptxas and Triton's or Inductor's compile steps start
// processes, write files and use calls no allow-list could enumerate across toolchains, so this
// one inverts: everything is allowed except the kernel surfaces a compiler never needs and an
// escape would (debugging other processes, BPF, io_uring, keyrings, mounts and namespaces,
// modules). Denied calls fail with EPERM instead of trapping: build tools probe some of them.
// What contains the warm-up is the rest of its box (namespaces, read-only mounts but the cache,
// Landlock, rlimits, cgroup); nothing it produces is trusted: it only fills the submission's
// own cache.
#include <errno.h>
#include <seccomp.h>

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

void must(int rc, const char* what) {
  if (rc < 0) fail("seccomp (build profile): {}: {}", what, std::strerror(-rc));
}

}  // namespace

void apply_build(const Policy& p, Status& s) {
  std::unique_ptr<void, void (*)(scmp_filter_ctx)> ctx(seccomp_init(SCMP_ACT_ALLOW), seccomp_release);
  if (!ctx) fail("seccomp_init failed");
  must(seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_TSYNC, 1), "TSYNC");
  must(seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_NNP, 1), "no_new_privs");
  const uint32_t deny = p.seccomp_log_only ? SCMP_ACT_LOG : SCMP_ACT_ERRNO(EPERM);
  for (int nr : kDenied) must(seccomp_rule_add(ctx.get(), deny, nr, 0), "deny");
  must(seccomp_load(ctx.get()), "load");
  s.no_new_privs = true;
  s.seccomp = true;
}

}  // namespace arbiter::sandbox::seccomp
