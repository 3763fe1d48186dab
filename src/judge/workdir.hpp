#pragma once
// A private temporary directory for one run (source, build output), removed afterwards.
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
};
}  // namespace arbiter::judge
