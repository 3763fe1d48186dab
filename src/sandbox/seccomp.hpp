#pragma once
#include <linux/filter.h>

#include <string>
#include <vector>

#include "sandbox/policy.hpp"
namespace arbiter::sandbox::seccomp {
// Installs the allow-list on every thread (TSYNC). A denied call traps: the handler writes
// its number to policy.violation_fd and exits, so the judge can name it in the verdict.
void apply(const Policy& p, Status& s);
std::string syscall_name(int nr);
// A second filter for the calling thread only (no TSYNC), inherited by every thread it starts:
// shared file mappings fail with EACCES. The native harness installs it on its main thread
// before loading the submission, after starting the one thread that maps the judge's memfds.
void forbid_shared_file_maps_on_this_thread();
// The extra rules of Profile::python (seccomp_python.cpp); ctx is a scmp_filter_ctx.
void add_python_rules(void* ctx);
// Profile::python only (never under CUDA, whose driver opens its nodes read-write): a read-write
// open fails with ENOENT, as for a device that is not there.
void add_no_gpu_rules(void* ctx);
// Profile::cuda (seccomp_cuda.cpp): the Python rules plus what the CUDA driver needs.
void add_cuda_rules(void* ctx);
// Profile::build (seccomp_build.cpp): everything allowed but a deny-list, which fails with EPERM.
void apply_build(const Policy& p, Status& s);
// The build profile's deny-list as a BPF program, made before a fork; install_program sets
// no_new_privs and loads it on the calling thread with system calls only (0 or errno), for a child
// of a multithreaded judge that execs straight into the untrusted program (`--harness eval`).
std::vector<sock_filter> deny_list_program();
int install_program(const std::vector<sock_filter>& prog);
inline constexpr int kViolationExit = 159;
// Written on the violation pipe instead of a syscall number: a thread wrote the outputs after
// the harness unmapped them (contestant/late_write_guard.hpp).
inline constexpr int kLateOutputWrite = 1 << 29;
}
