#include "judge/workdir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <string>

#include "core/error.hpp"
#include "sandbox/namespaces.hpp"

namespace arbiter::judge {
namespace fs = std::filesystem;
namespace {
fs::path base_dir() {
  const char* base = std::getenv("TMPDIR");
  return base && *base ? base : "/tmp";
}
constexpr std::string_view kPrefix = "arbiter-run-";
}  // namespace

// Each folder has a lock file beside it (NAME.lock) that its owner holds while it lives; the
// kernel drops the lock when the owner dies however it dies, so a lock that can be taken marks a
// folder left by a killed judge. Folders without a lock file (older judges) are never touched.
std::size_t sweep_stale_work_dirs() {
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(base_dir(), ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(kPrefix, 0) != 0 || e.path().extension() != ".lock") continue;
    const int fd = ::open(e.path().c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) continue;
    fs::path dir = e.path();
    dir.replace_extension();
    // Only what this user made (/tmp is everyone's): a real folder, never a link, with its lock. A
    // root judge hands `--harness eval`'s folder to the box's user; the lock stays root's.
    struct stat lock_st {}, dir_st {};
    const bool dir_gone = ::lstat(dir.c_str(), &dir_st) != 0 && errno == ENOENT;
    const bool dir_ours = dir_st.st_uid == ::geteuid() ||
                          (::geteuid() == 0 && dir_st.st_uid == sandbox::namespaces::outside_uid());
    const bool ours = ::fstat(fd, &lock_st) == 0 && lock_st.st_uid == ::geteuid() &&
                      (dir_gone || (S_ISDIR(dir_st.st_mode) && dir_ours));
    if (ours && ::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      std::error_code rm;
      fs::remove_all(dir, rm);
      ::unlink(e.path().c_str());
      if (!rm) ++removed;
    }
    ::close(fd);
  }
  return removed;
}

WorkDir::WorkDir() {
  static std::once_flag swept;  // once per process: a judge's first run cleans up after dead ones
  std::call_once(swept, [] { sweep_stale_work_dirs(); });
  std::string tmpl = (base_dir() / (std::string(kPrefix) + "XXXXXX")).string();
  if (!::mkdtemp(tmpl.data())) fail("{}", errno_text("mkdtemp " + tmpl));
  path_ = tmpl;
  // Locked under another name, then renamed: a sweep in another judge only ever sees the lock
  // file held (between a plain create and the flock it could take it and remove this folder).
  const std::string locking = tmpl + ".locking";
  lock_fd_ = ::open(locking.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (lock_fd_ >= 0 && (::flock(lock_fd_, LOCK_EX) != 0 || ::rename(locking.c_str(), (tmpl + ".lock").c_str()) != 0)) {
    ::unlink(locking.c_str());
    ::close(lock_fd_);
    lock_fd_ = -1;
  }
}

WorkDir::~WorkDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
  if (lock_fd_ >= 0) {
    ::unlink((path_.string() + ".lock").c_str());
    ::close(lock_fd_);
  }
}
}  // namespace arbiter::judge
