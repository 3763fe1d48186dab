#pragma once
#include <string>

#include "sandbox/policy.hpp"
namespace arbiter::sandbox::seccomp {
// Installs the allow-list on every thread (TSYNC). A denied call traps: the handler writes
// its number to policy.violation_fd and exits, so the judge can name it in the verdict.
void apply(const Policy& p, Status& s);
std::string syscall_name(int nr);
// The extra rules of Profile::python (seccomp_python.cpp); ctx is a scmp_filter_ctx.
void add_python_rules(void* ctx);
// Profile::cuda (seccomp_cuda.cpp): the Python rules plus what the CUDA driver needs.
void add_cuda_rules(void* ctx);
inline constexpr int kViolationExit = 159;
}
