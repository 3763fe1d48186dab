// The GPU baseline for vectoradd (problem.toml [baseline] cuda): one element per thread, 128-thread
// blocks. Reports of .cu submissions carry their speedup over this kernel, timed the same way in
// the same run.
#include <arbiter/kernel.h>

__global__ void add(const float* a, const float* b, float* c, int64_t n) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* args) {
  const int64_t n = arbiter_numel(&args->inputs[0]);
  if (n == 0) return 0;
  add<<<static_cast<unsigned>((n + 127) / 128), 128>>>(static_cast<const float*>(args->inputs[0].data),
                                                      static_cast<const float*>(args->inputs[1].data),
                                                      static_cast<float*>(args->outputs[0].data), n);
  return cudaGetLastError() == cudaSuccess ? 0 : 1;
}
