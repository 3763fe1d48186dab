#include "judge/python/runtime_paths.hpp"

#include <cstdio>
#include <memory>
#include <mutex>
#include <sstream>

#include "core/error.hpp"

namespace arbiter::judge::python {
namespace fs = std::filesystem;

const std::vector<std::string>& interpreter_paths(const fs::path& contestant) {
  static std::mutex m;
  static std::vector<std::string> paths;
  static std::string for_exe;
  std::lock_guard lock(m);
  if (for_exe == contestant.string()) return paths;
  // The contestant's own clean environment: the judge's PYTHONPATH and friends must not add paths.
  const std::string cmd = "env -i PATH=/usr/bin:/bin LANG=C.UTF-8 PYTHONNOUSERSITE=1 '" + contestant.string() +
                          "' --runtime-paths 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> p(::popen(cmd.c_str(), "r"), ::pclose);
  if (!p) fail("cannot run {} --runtime-paths", contestant.string());
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p.get())) > 0;) out.append(buf, n);
  const int rc = ::pclose(p.release());
  if (rc != 0) fail("the embedded Python interpreter does not start: {}", out.substr(0, 2000));
  std::vector<std::string> found;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line[0] == '/') found.push_back(line);
  paths = std::move(found);
  for_exe = contestant.string();
  return paths;
}

std::vector<std::string> without_nested(const std::vector<std::string>& paths) {
  auto beneath = [](const std::string& p, const std::string& dir) {
    return p == dir || (p.size() > dir.size() && p.compare(0, dir.size(), dir) == 0 &&
                        (dir.back() == '/' || p[dir.size()] == '/'));
  };
  std::vector<std::string> out;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    bool nested = false;
    for (std::size_t j = 0; j < paths.size() && !nested; ++j)
      nested = i != j && beneath(paths[i], paths[j]) && (paths[i] != paths[j] || j < i);
    if (!nested) out.push_back(paths[i]);
  }
  return out;
}

}  // namespace arbiter::judge::python
