#pragma once
// A private temporary directory for one run (source, build output), removed afterwards; one left
// by a judge that was killed is removed by the next judge's first run on the machine.
#include <cstddef>
#include <filesystem>

namespace arbiter::judge {
class WorkDir {
 public:
  WorkDir();
  ~WorkDir();
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int lock_fd_ = -1;  // held while the folder is in use (NAME.lock beside it)
};

// Removes the run folders whose owner is gone (their lock can be taken); returns how many.
std::size_t sweep_stale_work_dirs();
}  // namespace arbiter::judge
