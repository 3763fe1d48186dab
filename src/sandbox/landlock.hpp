#pragma once
#include "sandbox/policy.hpp"
namespace arbiter::sandbox::landlock {
int abi_version();  // 0 when the kernel lacks Landlock
// Read-only (and execute) beneath policy.read_only_paths, writes nowhere, no TCP, and from
// ABI 6 no signals or abstract sockets beyond the domain. Degrades with a warning in status.
void apply(const Policy& p, Status& s);
}
