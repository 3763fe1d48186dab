#include "judge/workdir.hpp"

#include <cstdlib>
#include <string>

#include "core/error.hpp"

namespace arbiter::judge {
WorkDir::WorkDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/arbiter-run-XXXXXX";
  if (!::mkdtemp(tmpl.data())) fail("{}", errno_text("mkdtemp " + tmpl));
  path_ = tmpl;
}
WorkDir::~WorkDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}
}  // namespace arbiter::judge
