// vectoradd on the GPU (CUDA C++, host trust level): arbiter_kernel is host code that launches a
// kernel on the default stream; tensors hold device pointers into the judge's buffers.
#include <arbiter/kernel.h>

__global__ void add(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ c, int64_t n) {
  int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* args) {
  const int64_t n = arbiter_numel(&args->inputs[0]);
  if (n == 0) return 0;
  const int threads = 256;
  add<<<static_cast<unsigned>((n + threads - 1) / threads), threads>>>(
      static_cast<const float*>(args->inputs[0].data), static_cast<const float*>(args->inputs[1].data),
      static_cast<float*>(args->outputs[0].data), n);
  return cudaGetLastError() == cudaSuccess ? 0 : 1;
}
