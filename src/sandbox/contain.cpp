#include "sandbox/contain.hpp"

#include <sys/prctl.h>

#include <vector>

#include "core/error.hpp"
#include "sandbox/fds.hpp"
#include "sandbox/landlock.hpp"
#include "sandbox/rlimits.hpp"
#include "sandbox/seccomp.hpp"

namespace arbiter::sandbox {

Status enter(const Policy& p) {
  Status s;
  std::vector<int> keep = p.keep_fds;
  if (p.violation_fd >= 0) keep.push_back(p.violation_fd);
  fds::close_all_but(keep);
  // Not dumpable: /proc/<pid> becomes root-owned and same-uid ptrace attaches fail.
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) fail("{}", errno_text("PR_SET_DUMPABLE"));
  rlimits::apply(p, s);
  landlock::apply(p, s);
  seccomp::apply(p, s);
  return s;
}

}  // namespace arbiter::sandbox
