// Honest control at the device trust level: a kernel only, launched by the harness as the problem's
// [launch] says (no arbiter_kernel, so `arbiter run` picks the device level by itself).
#include <cstdint>

extern "C" __global__ void vectoradd(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c,
                                     int64_t n) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}
