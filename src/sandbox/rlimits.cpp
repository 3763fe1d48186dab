#include "sandbox/rlimits.hpp"

#include <sys/resource.h>

#include "core/error.hpp"

namespace arbiter::sandbox::rlimits {
namespace {
void set(int which, rlim_t v, const char* name, Status& s, rlim_t hard_extra = 0) {
  rlimit r{v, v + hard_extra};
  if (::setrlimit(which, &r) != 0) fail("{}", errno_text(std::string("setrlimit ") + name));
  s.rlimits.push_back(name);
}
}  // namespace

void apply(const Policy& p, Status& s) {
  if (p.address_space_mb > 0) set(RLIMIT_AS, static_cast<rlim_t>(p.address_space_mb) << 20, "as", s);
  else s.warnings.push_back("no address-space limit (sanitizer build or device memory)");
  // Soft below hard: at the soft limit SIGXCPU (equal limits send SIGKILL at once), and SIGKILL
  // one second later if the submission ignores it. The judge reads either as `timeout`.
  set(RLIMIT_CPU, static_cast<rlim_t>(p.cpu_seconds), "cpu", s, 1);
  // Files can be written only in the private /tmp (64 MiB tmpfs): its cap answers ENOSPC first.
  set(RLIMIT_FSIZE, rlim_t{128} << 20, "fsize", s);
  set(RLIMIT_NOFILE, static_cast<rlim_t>(p.max_open_files), "nofile", s);
  set(RLIMIT_CORE, 0, "core", s);
  set(RLIMIT_MEMLOCK, 0, "memlock", s);
  set(RLIMIT_MSGQUEUE, 0, "msgqueue", s);
}
}  // namespace arbiter::sandbox::rlimits
