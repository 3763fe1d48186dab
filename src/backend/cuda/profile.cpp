#include "backend/cuda/profile.hpp"

#include <algorithm>

#include "backend/cuda/driver.hpp"
#include "core/error.hpp"

namespace arbiter::backend::cuda {
namespace {

// Best of several 256 MiB copies: far beyond L2, long enough that launch latency is noise.
double copy_bandwidth_gbs() {
  const Driver& d = driver();
  const std::size_t bytes = std::size_t{256} << 20;
  CUdeviceptr a = 0, b = 0;
  check(d.cuMemAlloc(&a, bytes), "cuMemAlloc (profile)");
  if (CUresult rc = d.cuMemAlloc(&b, bytes); rc != CUDA_SUCCESS) {
    d.cuMemFree(a);
    check(rc, "cuMemAlloc (profile)");
  }
  CUevent e0 = nullptr, e1 = nullptr;
  double best = 0;
  CUresult rc = d.cuEventCreate(&e0, CU_EVENT_DEFAULT);
  if (rc == CUDA_SUCCESS) rc = d.cuEventCreate(&e1, CU_EVENT_DEFAULT);
  if (rc == CUDA_SUCCESS) rc = d.cuMemsetD8(a, 1, bytes);
  for (int i = 0; i < 8 && rc == CUDA_SUCCESS; ++i) {
    rc = d.cuEventRecord(e0, nullptr);
    if (rc == CUDA_SUCCESS) rc = d.cuMemcpyDtoD(b, a, bytes);
    if (rc == CUDA_SUCCESS) rc = d.cuEventRecord(e1, nullptr);
    if (rc == CUDA_SUCCESS) rc = d.cuEventSynchronize(e1);
    float ms = 0;
    if (rc == CUDA_SUCCESS) rc = d.cuEventElapsedTime(&ms, e0, e1);
    if (rc == CUDA_SUCCESS && ms > 0) best = std::max(best, 2.0 * static_cast<double>(bytes) / (ms * 1e6));
  }
  if (e0) d.cuEventDestroy(e0);
  if (e1) d.cuEventDestroy(e1);
  d.cuMemFree(a);
  d.cuMemFree(b);
  check(rc, "measuring copy bandwidth");
  return best;
}

}  // namespace

problem::MachineProfile measure_gpu_profile(const DeviceInfo& dev) {
  problem::MachineProfile m;
  m.backend = "cuda";
  m.bandwidth_gbs = copy_bandwidth_gbs();
  // FP32 FMA rate from the device's shape: 128 FP32 lanes per multiprocessor since Ampere, two
  // FLOPs per FMA, at the boost clock. The floor's 16x margin covers the tensor cores.
  int clock_khz = 0;
  check(driver().cuDeviceGetAttribute(&clock_khz, CU_DEVICE_ATTRIBUTE_CLOCK_RATE, dev.ordinal),
        "cuDeviceGetAttribute (clock)");
  m.gflops = static_cast<double>(dev.sm_count) * 128 * 2 * clock_khz / 1e6;
  m.threads = dev.sm_count;
  return m;
}

problem::MachineProfile load_or_measure_gpu_profile(const DeviceInfo& dev) {
  try {
    return problem::load_or_measure_profile("cuda");
  } catch (const Error&) {
    problem::MachineProfile m = measure_gpu_profile(dev);
    problem::save_profile(m);
    return m;
  }
}

}  // namespace arbiter::backend::cuda
