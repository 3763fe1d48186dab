#pragma once
#include <string>

#include "sandbox/policy.hpp"
namespace arbiter::sandbox::seccomp {
// Installs the allow-list on every thread (TSYNC). A denied call traps: the handler writes
// its number to policy.violation_fd and exits, so the judge can name it in the verdict.
void apply(const Policy& p, Status& s);
std::string syscall_name(int nr);  // "ptrace", or "#N"
inline constexpr int kViolationExit = 159;
}
