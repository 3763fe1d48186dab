#pragma once
#include <vector>
namespace arbiter::sandbox::fds {
// Closes every descriptor not in keep (and points 0/1/2 at /dev/null if not kept).
void close_all_but(const std::vector<int>& keep);
// The descriptors open right now (from /proc/self/fd), sorted.
std::vector<int> open_now();
}
