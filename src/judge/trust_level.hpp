#pragma once
// Which trust level a CUDA run uses (DESIGN §2): `host` (the submission brings host code: a .cu
// with arbiter_kernel, or Python) or `device` (kernels only, launched by the harness from the
// problem's [launch] description, so no submission code runs on the CPU side at all).
#include <string>

#include "problem/problem.hpp"

namespace arbiter::judge {

enum class TrustLevel { host, device };
const char* trust_level_name(TrustLevel t);

// Whether the file is device code only (a cubin, fatbin or PTX the driver loads as it is).
bool is_device_binary(const std::string& submission_path);

// `requested`: "auto" (default), "host" or "device". auto picks device for a cubin/fatbin/PTX, and
// for a .cu when the problem has [launch] and either requires it or the source's code (comments
// and literals aside) never names arbiter_kernel; host otherwise. Throws Error saying why a combination cannot run
// (device without [launch], host where the problem requires device, device for C++ or Python).
// The source is read only for that last test.
TrustLevel resolve_trust_level(const problem::Problem& p, const std::string& submission_path,
                               const std::string& requested);

}  // namespace arbiter::judge
