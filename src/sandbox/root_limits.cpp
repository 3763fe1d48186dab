#include "sandbox/root_limits.hpp"

#include <linux/capability.h>
#include <seccomp.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

#include "core/error.hpp"

namespace arbiter::sandbox {

void limit_root(const std::vector<int>& keep) {
  const auto kept = [&](int c) { return std::find(keep.begin(), keep.end(), c) != keep.end(); };
  for (int c = 0; c <= CAP_LAST_CAP; ++c)
    if (!kept(c) && ::prctl(PR_CAPBSET_DROP, c, 0, 0, 0) != 0 && errno != EINVAL)
      fail("{}", errno_text("PR_CAPBSET_DROP"));
  __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  for (int c : keep) {
    data[c / 32].effective |= 1U << (c % 32);
    data[c / 32].permitted |= 1U << (c % 32);
  }
  if (::syscall(SYS_capset, &hdr, data) != 0) fail("{}", errno_text("capset"));

  std::unique_ptr<void, void (*)(scmp_filter_ctx)> ctx(seccomp_init(SCMP_ACT_ALLOW), seccomp_release);
  if (!ctx) fail("seccomp_init failed");
  const uint32_t eperm = SCMP_ACT_ERRNO(EPERM);
  for (const char* name :
       {"reboot", "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "swapon", "swapoff",
        "mount", "umount2", "pivot_root", "chroot", "move_mount", "fsopen", "fsmount", "open_tree", "ptrace",
        "process_vm_readv", "process_vm_writev", "bpf", "keyctl", "add_key", "request_key", "setns", "unshare",
        "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "sethostname", "setdomainname", "acct",
        "quotactl", "iopl", "ioperm", "syslog", "fanotify_init", "open_by_handle_at", "userfaultfd",
        "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid", "setgroups", "mknod", "mknodat"}) {
    const int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) continue;  // not on this architecture
    if (seccomp_rule_add(ctx.get(), eperm, nr, 0) != 0) fail("seccomp: cannot deny {}", name);
  }
  // Sockets: only unix, IPv4 and IPv6 streams and datagrams (Landlock limits TCP to given ports).
  const int socket_nr = seccomp_syscall_resolve_name("socket");
  for (int family : {AF_PACKET, AF_NETLINK, AF_KEY, AF_ALG, AF_VSOCK, AF_BLUETOOTH, AF_CAN, AF_XDP})
    if (seccomp_rule_add(ctx.get(), eperm, socket_nr, 1, SCMP_A0(SCMP_CMP_EQ, static_cast<scmp_datum_t>(family))) != 0)
      fail("seccomp: cannot restrict socket families");
  for (int family : {AF_INET, AF_INET6})
    if (seccomp_rule_add(ctx.get(), eperm, socket_nr, 2, SCMP_A0(SCMP_CMP_EQ, static_cast<scmp_datum_t>(family)),
                         SCMP_A1(SCMP_CMP_MASKED_EQ, 0xf, static_cast<scmp_datum_t>(SOCK_RAW))) != 0)
      fail("seccomp: cannot refuse raw sockets");
  if (seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_TSYNC, 1) != 0) fail("seccomp: no TSYNC");
  if (seccomp_load(ctx.get()) != 0) fail("seccomp_load (root limits) failed");
}

}  // namespace arbiter::sandbox
