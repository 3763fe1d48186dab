// Device trust level: accumulates into shared memory it never initialised, counting on it to start
// at zero. The harness scrubs shared memory before every call, so the first call already sees
// garbage; without the scrub, what the last kernel on that SM left would leak in.
#include <cstdint>

extern "C" __global__ void vectoradd(const float* a, const float* b, float* c, int64_t n) {
  __shared__ float acc[1024];
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) {
    acc[threadIdx.x] += a[i] + b[i];
    c[i] = acc[threadIdx.x];
  }
}
