// A kernels-only submission that is wrong: it forgets the last partial block (n not a multiple of
// BLOCK), which the `odd` test (n = 1023) catches.
#include <cstdint>

extern "C" __global__ void vectoradd(const float* a, const float* b, float* c, int64_t n) {
  const int64_t full = n / blockDim.x * blockDim.x;
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < full) c[i] = a[i] + b[i];
}
