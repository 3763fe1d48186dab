#pragma once
#include "sandbox/policy.hpp"
namespace arbiter::sandbox {
// Enters the box, in order: close fds, no core dumps/ptrace (not dumpable), rlimits,
// Landlock, seccomp (last, so the earlier steps may use calls it forbids).
Status enter(const Policy& p);
}
