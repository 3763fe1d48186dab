#pragma once
// New user, pid, net, ipc, mount, uts and cgroup namespaces for the contestant. The judge
// clones the child straight into them (so the contestant is pid 1 of its own pid namespace
// and dies with everything it started), then writes the uid/gid maps from outside.
#include <sys/types.h>

#include <string>
#include <vector>

namespace arbiter::sandbox::namespaces {

int all_flags();                                   // CLONE_NEWUSER | CLONE_NEWPID | …
std::vector<std::string> names(int clone_flags);  // {"user", "pid", …}

// The unprivileged id the contestant runs as outside its namespace: nobody (65534) when the
// judge is root, the judge's own ids otherwise. Inside, it is root of its empty namespace.
uid_t outside_uid();
gid_t outside_gid();

// fork() into new namespaces (clone flags, SIGCHLD on exit), straight into a cgroup where
// cgroup_fd is one (clone3 CLONE_INTO_CGROUP: never a moment outside it, and a new cgroup
// namespace is rooted there); *into_cgroup says whether that happened. -1 and errno on failure.
pid_t clone_child(int flags, int cgroup_fd, bool* into_cgroup);

// Judge side, after the clone: "deny" setgroups, map inside 0 to the outside ids.
// Returns an empty string or what failed.
std::string write_id_maps(pid_t child);

// Child side, once the maps exist: take the mapped ids (dropping the judge's supplementary
// groups when drop_groups, i.e. the judge is root), name the UTS namespace. Async-signal-safe.
int finish_in_child(bool drop_groups);  // 0 or errno

// Probe: can this process create the namespaces at all (forks a throwaway child)?
bool probe(std::string& why);

}  // namespace arbiter::sandbox::namespaces
