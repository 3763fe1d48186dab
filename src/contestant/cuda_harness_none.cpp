// Built without the CUDA toolkit's headers: the harness says so instead of running.
#include "contestant/cuda_harness.hpp"
#include "core/error.hpp"

namespace arbiter::contestant {
struct CudaHarness::State {};
bool cuda_built() { return false; }
CudaHarness::CudaHarness() { fail("this arbiter was built without the CUDA backend (no CUDA toolkit at build time)"); }
CudaHarness::~CudaHarness() = default;
void CudaHarness::import(const wire::SetupCase&, int, int, void**, void**, bool) {}
wire::Done CudaHarness::call(uint64_t, arbiter_kernel_fn, const arbiter_args*) { return {}; }
void CudaHarness::begin(wire::Done&) {}
void CudaHarness::end(wire::Done&) {}
void CudaHarness::launch_empty(wire::Done&) {}
}  // namespace arbiter::contestant
