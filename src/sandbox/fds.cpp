#include "sandbox/fds.hpp"

#include <dirent.h>
#include <fcntl.h>

#include <cstdlib>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>

namespace arbiter::sandbox::fds {

void close_all_but(const std::vector<int>& keep_in) {
  std::vector<int> keep = keep_in;
  int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  for (int std_fd = 0; std_fd < 3; ++std_fd)
    if (std::find(keep.begin(), keep.end(), std_fd) == keep.end() && null >= 0) ::dup2(null, std_fd);
  for (int s : {0, 1, 2}) keep.push_back(s);
  std::sort(keep.begin(), keep.end());
  keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
  unsigned lo = 0;
  for (int k : keep) {
    if (static_cast<unsigned>(k) > lo) ::syscall(SYS_close_range, lo, static_cast<unsigned>(k) - 1, 0);
    lo = static_cast<unsigned>(k) + 1;
  }
  ::syscall(SYS_close_range, lo, ~0u, 0);
}

std::vector<int> open_now() {
  std::vector<int> out;
  DIR* d = ::opendir("/proc/self/fd");
  if (!d) return out;
  const int self = ::dirfd(d);
  while (dirent* e = ::readdir(d)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    const int fd = std::atoi(e->d_name);
    if (fd != self) out.push_back(fd);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace arbiter::sandbox::fds
