#pragma once
// For a helper that must run as real root because a device tool needs it (ncu's profile target:
// the GPU's counters are for admins only): every capability but the ones kept is dropped from
// the bounding, permitted and effective sets, and a seccomp deny-list fails, with EPERM, the system
// calls through which root reaches beyond its own process (reboot, modules, mounts, clocks, raw
// and netlink sockets, tracing, bpf, namespaces, keyrings). Landlock (landlock.hpp) does the
// file system and TCP; this covers what Landlock does not.
#include <vector>

namespace arbiter::sandbox {

void limit_root(const std::vector<int>& keep_capabilities);

}  // namespace arbiter::sandbox
