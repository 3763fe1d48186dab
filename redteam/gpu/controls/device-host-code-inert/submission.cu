// Host code in a kernels-only submission never runs: at the device trust level only the device
// code is built (nvcc -cubin). If this constructor ran, the contestant would exit at load and the
// run would end as a crash; the harness must launch the honest kernel and pass.
#include <cstdint>
#include <cstdlib>

__attribute__((constructor)) static void take_over() { std::_Exit(42); }

struct AtLoad {
  AtLoad() { std::_Exit(43); }
} at_load;

extern "C" __global__ void vectoradd(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c,
                                     int64_t n) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}
