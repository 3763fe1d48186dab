// Wrong on purpose: subtracts instead of adding (the judge must answer wrong_answer).
#include <arbiter/kernel.h>

__global__ void sub(const float* a, const float* b, float* c, int64_t n) {
  int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] - b[i];
}

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* args) {
  const int64_t n = arbiter_numel(&args->inputs[0]);
  if (n == 0) return 0;
  sub<<<static_cast<unsigned>((n + 255) / 256), 256>>>(static_cast<const float*>(args->inputs[0].data),
                                                     static_cast<const float*>(args->inputs[1].data),
                                                     static_cast<float*>(args->outputs[0].data), n);
  return cudaGetLastError() == cudaSuccess ? 0 : 1;
}
