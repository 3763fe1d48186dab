// Built without the CUDA toolkit's headers: the harness says so instead of running.
#include "contestant/cuda_harness.hpp"
#include "core/error.hpp"

namespace arbiter::contestant {
struct CudaHarness::State {};
bool cuda_built() { return false; }
CudaHarness::CudaHarness() { fail("this arbiter was built without the CUDA backend (no CUDA toolkit at build time)"); }
CudaHarness::~CudaHarness() = default;
void CudaHarness::import(const wire::SetupCase&, const std::vector<int>&, void**, void**, bool) {}
wire::Done CudaHarness::call(uint64_t, arbiter_kernel_fn, const arbiter_args*) { return {}; }
void CudaHarness::begin(wire::Done&) {}
void CudaHarness::end(wire::Done&) {}
void CudaHarness::launch_empty(wire::Done&) {}
nlohmann::json CudaHarness::status() const { return nlohmann::json::object(); }
std::string CudaHarness::load_kernels(const std::string&, const std::string&) { return {}; }
void CudaHarness::set_launches(const std::string&, const arbiter_args*) {}
wire::Done CudaHarness::call_launches(uint64_t) { return {}; }
}  // namespace arbiter::contestant
