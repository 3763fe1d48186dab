// Device trust level: writes every other element and leaves the rest as the judge poisoned them
// (a kernel relying on whatever the output held before).
#include <cstdint>

extern "C" __global__ void vectoradd(const float* a, const float* b, float* c, int64_t n) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n && i % 2 == 0) c[i] = a[i] + b[i];
}
