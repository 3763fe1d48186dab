#pragma once
#include "sandbox/policy.hpp"
namespace arbiter::sandbox::landlock {
int abi_version();  // 0 when the kernel lacks Landlock
// Read-only (and execute) beneath policy.read_only_paths, writes nowhere, no TCP, and from
// ABI 6 no signals or abstract sockets beyond the domain. Degrades with a warning in status.
void apply(const Policy& p, Status& s);
// apply() in two steps, for a child between fork and execve in a multithreaded judge: the
// ruleset is built before the fork (it allocates; -1 where the kernel lacks Landlock, else a
// close-on-exec descriptor numbered 10 or above), and the child only restricts itself with it,
// which makes system calls alone. restrict_self returns 0 or an errno.
int build_ruleset(const Policy& p, Status& s);
int restrict_self(int ruleset_fd);
// Every right beneath a directory, added to a ruleset not yet in force: for a child that mounts
// its own file system there after the fork (a rule names the directory it finds, not the path).
// System calls only; returns 0 or an errno.
int allow_directory(int ruleset_fd, const char* path);
}
