#pragma once
#include <sys/resource.h>

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "sandbox/policy.hpp"
namespace arbiter::sandbox::rlimits {

// Resource limits worked out before a fork and set after it with system calls only: a child of a
// multithreaded judge may not allocate between fork and execve. Limits above this process's own
// hard limit are lowered to it.
class Plan {
 public:
  Plan& add(int which, rlim_t soft, rlim_t hard, const char* name);
  // setrlimit for each in turn; the name of the first one refused (errno says why), nullptr when
  // all are set. Async-signal-safe.
  const char* apply() const noexcept;
  std::vector<std::string> names() const;

 private:
  struct Limit {
    int which = 0;
    rlimit value{};
    const char* name = "";
  };
  std::array<Limit, 8> items_{};
  std::size_t count_ = 0;
};

// A contestant's limits: address space (where the policy sets one), CPU time (SIGXCPU at the soft
// limit, SIGKILL a second later), file size, open files, and no core dumps, locked memory or
// message queues.
Plan for_policy(const Policy& p);

// for_policy's limits on this process; the names go to s.rlimits. Throws Error naming a refusal.
void apply(const Policy& p, Status& s);
}  // namespace arbiter::sandbox::rlimits
