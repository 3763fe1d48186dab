// vectoradd at the device trust level: kernels only. No host code of this file is ever built or
// run; the harness launches vectoradd as the problem's [launch] says, with this file's BLOCK.
#include <cstdint>

extern "C" __device__ const int BLOCK = 512;

extern "C" __global__ void vectoradd(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c,
                                     int64_t n) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}
