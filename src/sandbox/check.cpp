#include "sandbox/check.hpp"

#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>

#include "sandbox/cgroup.hpp"
#include "sandbox/landlock.hpp"
#include "sandbox/namespaces.hpp"

namespace arbiter::sandbox::check {

std::vector<Feature> probe_kernel() {
  std::vector<Feature> v;
  utsname u{};
  ::uname(&u);
  v.push_back({"kernel", true, std::string(u.sysname) + " " + u.release + " " + u.machine});
  v.push_back({"running as", true, ::geteuid() == 0 ? "root (contestant mapped to nobody)" : "uid " + std::to_string(::geteuid())});
  // seccomp: PR_GET_SECCOMP answers 0 when filters are supported and none is set on us.
  const int sc = ::prctl(PR_GET_SECCOMP, 0, 0, 0, 0);
  v.push_back({"seccomp-bpf", sc >= 0, sc >= 0 ? "filter mode with TSYNC, trap on anything outside the allow-list"
                                              : "prctl(PR_GET_SECCOMP) failed"});
  const int abi = landlock::abi_version();
  v.push_back({"landlock", abi > 0,
               abi > 0 ? "ABI " + std::to_string(abi) + (abi >= 4 ? ", TCP rules" : "") +
                             (abi >= 6 ? ", signal and abstract-socket scoping" : "")
                       : "not available: file access bounded by the mount tree and seccomp only"});
  std::string why;
  const bool ns = namespaces::probe(why);
  v.push_back({"namespaces", ns, ns ? "user, pid, net, ipc, mount, uts, cgroup" : why});
  std::ifstream userns("/proc/sys/kernel/unprivileged_userns_clone");
  int unpriv = 1;
  if (userns) userns >> unpriv;
  v.push_back({"unprivileged user namespaces", unpriv != 0,
               unpriv != 0 ? "allowed (a non-root judge can isolate too)" : "disabled by sysctl"});
  const std::string mnt = cgroup::v2_mount();
  v.push_back({"cgroup v2", !mnt.empty(), mnt.empty() ? "not mounted (v1 only or none)" : "mounted at " + mnt});
  cgroup::Group g(256 << 20, 16);
  const auto& parent = cgroup::judge_parent();
  v.push_back({"cgroup v2 delegation", g.ok(),
               g.describe() + (parent.action.empty() ? "" : " (" + parent.action + ")")});
  return v;
}

}  // namespace arbiter::sandbox::check
