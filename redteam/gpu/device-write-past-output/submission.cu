// Device trust level: the right answer, plus 64 floats stored past the end of the output.
#include <cstdint>

extern "C" __global__ void vectoradd(const float* a, const float* b, float* c, int64_t n) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
  if (i < 64) c[n + i] = 1.0f;
}
