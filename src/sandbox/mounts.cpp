#include "sandbox/mounts.hpp"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <set>

namespace arbiter::sandbox::mounts {
namespace fs = std::filesystem;

constexpr int kFirstSourceFd = 200;

void plan(Plan& p, const std::vector<std::string>& read_only, const std::vector<std::string>& devices,
          const std::vector<std::string>& writable) {
  std::set<std::string> dirs;
  auto parents = [&](const fs::path& path) {
    for (fs::path d = path.parent_path(); !d.empty() && d != d.root_path(); d = d.parent_path()) dirs.insert(d);
  };
  auto add = [&](const std::string& path, bool device, bool rw = false) {
    std::error_code ec;
    auto st = fs::symlink_status(path, ec);
    if (ec || !fs::exists(st)) {
      p.skipped.push_back(path);
      return;
    }
    parents(path);
    if (fs::is_symlink(st)) {
      p.symlinks.emplace_back(p.staging + path, fs::read_symlink(path, ec).string());
      return;
    }
    if (fs::is_directory(st)) dirs.insert(path);
    else p.files.push_back(p.staging + path);
    const int fd = kFirstSourceFd + static_cast<int>(p.binds.size());
    p.binds.push_back({path, "/proc/self/fd/" + std::to_string(fd), p.staging + path, device, rw, fd});
  };
  for (auto& d : read_only) add(d, false);
  for (auto& d : devices) add(d, true);
  for (auto& d : writable) add(d, false, true);
  dirs.insert("/tmp");
  dirs.insert("/proc");
  // std::set orders parents before children.
  for (auto& d : dirs) p.dirs.push_back(p.staging + d);
  p.private_tmp = p.staging + "/tmp";
  p.proc = p.staging + "/proc";
}

namespace {
// Flags the kernel locks on a bind from a more privileged mount namespace: a remount that drops
// them fails, so carry them over.
unsigned long locked_flags(const char* path) {
  struct statfs s {};
  if (::statfs(path, &s) != 0) return 0;
  return static_cast<unsigned long>(s.f_flags) &
         (MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME | MS_RELATIME);
}
}  // namespace

int open_sources(const Plan& p, const char** step) {
  for (auto& b : p.binds) {
    int fd = ::open(b.host.c_str(), O_PATH | O_CLOEXEC);
    if (fd < 0 || ::dup3(fd, b.fd, O_CLOEXEC) < 0) {
      *step = "open a bind source";
      return errno;
    }
    ::close(fd);
  }
  return 0;
}

int build(const Plan& p, const char** step, bool* proc_ok) {
#define STEP(what, call)   \
  do {                     \
    if ((call) != 0) {     \
      *step = what;        \
      return errno;        \
    }                      \
  } while (0)
  *proc_ok = false;
  STEP("make mounts private", ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr));
  STEP("mount the new root (tmpfs)",
       ::mount("tmpfs", p.staging.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,nr_inodes=512,mode=0755"));
  // The private tmpfs first: binds that live under /tmp (the judge's work dir) go inside it.
  if (::mkdir(p.private_tmp.c_str(), 0755) != 0 && errno != EEXIST) STEP("mkdir /tmp", -1);
  STEP("mount the private tmpfs", ::mount("tmpfs", p.private_tmp.c_str(), "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                                          p.private_tmp_options.c_str()));
  for (auto& d : p.dirs)
    if (::mkdir(d.c_str(), 0755) != 0 && errno != EEXIST) STEP("mkdir in the new root", -1);
  for (auto& f : p.files) {
    int fd = ::open(f.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0444);
    STEP("create a bind target", fd < 0 ? -1 : 0);
    ::close(fd);
  }
  for (auto& [path, target] : p.symlinks) STEP("symlink in the new root", ::symlink(target.c_str(), path.c_str()));
  for (auto& b : p.binds) {
    STEP("bind mount", ::mount(b.source.c_str(), b.target.c_str(), nullptr, MS_BIND | MS_REC, nullptr));
    unsigned long flags = MS_REMOUNT | MS_BIND | (b.writable ? 0 : MS_RDONLY) | MS_NOSUID | locked_flags(b.target.c_str());
    if (!b.device) flags |= MS_NODEV;
    STEP("remount a bind read-only", ::mount(nullptr, b.target.c_str(), nullptr, flags, nullptr));
  }
  const unsigned long proc_flags = MS_NOSUID | MS_NODEV | MS_NOEXEC | (p.proc_writable ? 0 : MS_RDONLY);
  *proc_ok = ::mount("proc", p.proc.c_str(), "proc", proc_flags, nullptr) == 0;
  STEP("enter the new root", ::chdir(p.staging.c_str()));
  STEP("pivot_root", static_cast<int>(::syscall(SYS_pivot_root, ".", ".")));
  STEP("detach the old root", ::umount2(".", MNT_DETACH));
  STEP("chdir /", ::chdir("/"));
  STEP("remount the root read-only",
       ::mount(nullptr, "/", nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, nullptr));
#undef STEP
  return 0;
}

}  // namespace arbiter::sandbox::mounts
