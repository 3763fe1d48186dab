// Device trust level: a knob the launch cannot take (4096 threads per block). The judge refuses the
// launch with the knob's value in the reason instead of letting the driver fail mid-run.
#include <cstdint>

extern "C" __device__ const int BLOCK = 4096;

extern "C" __global__ void vectoradd(const float* a, const float* b, float* c, int64_t n) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}
