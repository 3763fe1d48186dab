#include "core/paths.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace arbiter {
namespace fs = std::filesystem;

fs::path config_dir() {
  if (const char* h = std::getenv("ARBITER_HOME"); h && *h) return fs::absolute(h);
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return fs::path(x) / "arbiter";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".config" / "arbiter";
  return fs::path("/tmp") / ("arbiter-" + std::to_string(getuid()));
}

fs::path cache_dir() { return config_dir() / "cache"; }

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) fail("cannot read {}", p.string());
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void ensure_private_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) fail("cannot create directory {}: {}", dir.string(), ec.message());
  ::chmod(dir.c_str(), 0700);
}

fs::path self_exe() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  if (ec) fail("cannot resolve /proc/self/exe: {}", ec.message());
  return p;
}
}  // namespace arbiter
