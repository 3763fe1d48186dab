#include "sandbox/namespaces.hpp"

#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"

namespace arbiter::sandbox::namespaces {
namespace {
std::string write_proc(pid_t pid, const char* file, const std::string& text) {
  const std::string path = "/proc/" + std::to_string(pid) + "/" + file;
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return errno_text("open " + path);
  ssize_t n = ::write(fd, text.data(), text.size());
  int err = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(text.size())) return "write " + path + ": " + std::strerror(err);
  return {};
}
}  // namespace

pid_t clone_child(int flags, int cgroup_fd, bool* into_cgroup) {
  *into_cgroup = false;
#ifdef SYS_clone3
  if (cgroup_fd >= 0) {
    clone_args ca{};
    ca.flags = static_cast<uint64_t>(flags) | CLONE_INTO_CGROUP;
    ca.exit_signal = SIGCHLD;
    ca.cgroup = static_cast<uint64_t>(cgroup_fd);
    const long pid = ::syscall(SYS_clone3, &ca, sizeof ca);
    if (pid >= 0) {
      *into_cgroup = true;
      return static_cast<pid_t>(pid);
    }
  }
#endif
  (void)cgroup_fd;
  return static_cast<pid_t>(::syscall(SYS_clone, flags | SIGCHLD, nullptr, nullptr, nullptr, nullptr));
}

int all_flags() {
  return CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWCGROUP;
}

std::vector<std::string> names(int f) {
  std::vector<std::string> v;
  if (f & CLONE_NEWUSER) v.push_back("user");
  if (f & CLONE_NEWPID) v.push_back("pid");
  if (f & CLONE_NEWNET) v.push_back("net");
  if (f & CLONE_NEWIPC) v.push_back("ipc");
  if (f & CLONE_NEWNS) v.push_back("mount");
  if (f & CLONE_NEWUTS) v.push_back("uts");
  if (f & CLONE_NEWCGROUP) v.push_back("cgroup");
  return v;
}

uid_t outside_uid() { return ::geteuid() == 0 ? 65534 : ::geteuid(); }
gid_t outside_gid() { return ::geteuid() == 0 ? 65534 : ::getegid(); }

std::string write_id_maps(pid_t child) {
  // Without CAP_SETGID outside, gid_map needs setgroups denied; as root we keep setgroups so
  // the child can drop root's supplementary groups itself.
  if (::geteuid() != 0)
    if (auto e = write_proc(child, "setgroups", "deny"); !e.empty()) return e;
  if (auto e = write_proc(child, "uid_map", "0 " + std::to_string(outside_uid()) + " 1\n"); !e.empty()) return e;
  if (auto e = write_proc(child, "gid_map", "0 " + std::to_string(outside_gid()) + " 1\n"); !e.empty()) return e;
  return {};
}

int finish_in_child(bool drop_groups) {
  // Become the mapped root (outside: the unprivileged id); until now our ids were the judge's,
  // which are not mapped here, so nothing could be created.
  // Raw system calls: glibc's wrappers would signal every thread the judge had when it cloned
  // (setxid), and those threads do not exist in this child: it would wait for them forever.
  if (drop_groups && ::syscall(SYS_setgroups, 0, nullptr) != 0) return errno;
  if (::syscall(SYS_setresgid, 0, 0, 0) != 0 || ::syscall(SYS_setresuid, 0, 0, 0) != 0) return errno;
  static const char host[] = "arbiter";
  if (::sethostname(host, sizeof host - 1) != 0) return errno;
  if (::setdomainname(host, sizeof host - 1) != 0) return errno;
  return 0;
}

bool probe(std::string& why) {
  pid_t pid = static_cast<pid_t>(::syscall(SYS_clone, all_flags() | SIGCHLD, nullptr, nullptr, nullptr, nullptr));
  if (pid < 0) {
    why = errno_text("clone with new namespaces");
    return false;
  }
  if (pid == 0) ::_exit(0);
  int st = 0;
  ::waitpid(pid, &st, 0);
  return true;
}

}  // namespace arbiter::sandbox::namespaces
