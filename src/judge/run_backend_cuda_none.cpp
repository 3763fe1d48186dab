// Built without the CUDA toolkit's headers.
#include "core/error.hpp"
#include "judge/run_backend.hpp"

namespace arbiter::judge {
bool cuda_usable(std::string* why) {
  if (why) *why = "this arbiter was built without the CUDA backend";
  return false;
}

problem::MachineProfile calibrate_cuda() {
  fail("cannot calibrate the CUDA backend: this arbiter was built without it (no CUDA toolkit at build time)");
}

std::vector<std::string> cuda_compile_flags() { fail("this arbiter was built without the CUDA backend"); }

std::string cuda_sharing_in_use() { fail("this arbiter was built without the CUDA backend"); }

std::unique_ptr<RunBackend> make_cuda_backend(const std::string&) {
  fail("this problem needs a CUDA device, and this arbiter was built without the CUDA backend (no CUDA toolkit at "
       "build time)");
}
}  // namespace arbiter::judge
