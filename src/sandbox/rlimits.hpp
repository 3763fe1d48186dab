#pragma once
#include "sandbox/policy.hpp"
namespace arbiter::sandbox::rlimits {
// Caps address space, CPU time, file size (0: no writes), open files and core dumps.
void apply(const Policy& p, Status& s);
}
