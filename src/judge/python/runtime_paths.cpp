#include "judge/python/runtime_paths.hpp"

#include <cstdio>
#include <memory>
#include <mutex>
#include <sstream>

#include "core/error.hpp"
#include "judge/python/oracle.hpp"

namespace arbiter::judge::python {
namespace fs = std::filesystem;

namespace {
std::string run_capture(const std::string& cmd, int& rc) {
  std::unique_ptr<FILE, int (*)(FILE*)> p(::popen(cmd.c_str(), "r"), ::pclose);
  if (!p) fail("cannot run {}", cmd);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p.get())) > 0;) out.append(buf, n);
  rc = ::pclose(p.release());
  return out;
}
}  // namespace

const VenvPaths& oracle_venv() {
  static std::once_flag once;
  static VenvPaths venv;
  std::call_once(once, [] {
    const std::string cmd = "'" + python_executable() +
                            "' -I -c 'import sys, site\nif sys.prefix != sys.base_prefix: "
                            "print(sys.prefix); print(\":\".join(site.getsitepackages()))' 2>/dev/null";
    int rc = 0;
    std::istringstream lines(run_capture(cmd, rc));
    VenvPaths v;
    if (rc == 0 && std::getline(lines, v.prefix) && std::getline(lines, v.pythonpath)) venv = v;
  });
  return venv;
}

const std::vector<std::string>& interpreter_paths(const fs::path& contestant) {
  static std::mutex m;
  static std::vector<std::string> paths;
  static std::string for_exe;
  std::lock_guard lock(m);
  if (for_exe == contestant.string()) return paths;
  // The contestant's own clean environment: the judge's PYTHONPATH and friends must not add paths.
  // (With the venv's site-packages it will have in the box, so torch's folder is bound too.)
  const std::string& pp = oracle_venv().pythonpath;
  const std::string cmd = "env -i PATH=/usr/bin:/bin LANG=C.UTF-8 PYTHONNOUSERSITE=1 " +
                          (pp.empty() ? std::string() : "'PYTHONPATH=" + pp + "' ") + "'" + contestant.string() +
                          "' --runtime-paths 2>&1";
  int rc = 0;
  const std::string out = run_capture(cmd, rc);
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
