// The GPU baseline for matmul (problem.toml [baseline] cuda): one thread per output element, no
// tiling, what a first CUDA attempt looks like. Reports of .cu submissions carry their speedup
// over this kernel, timed the same way in the same run.
#include <arbiter/kernel.h>

__global__ void mm(const float* A, const float* B, float* C, int64_t m, int64_t n, int64_t k) {
  const int64_t row = static_cast<int64_t>(blockIdx.y) * blockDim.y + threadIdx.y;
  const int64_t col = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (row >= m || col >= n) return;
  float acc = 0;
  for (int64_t i = 0; i < k; ++i) acc += A[row * k + i] * B[i * n + col];
  C[row * n + col] = acc;
}

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* args) {
  const int64_t m = args->inputs[0].shape[0], k = args->inputs[0].shape[1], n = args->inputs[1].shape[1];
  if (m == 0 || n == 0) return 0;
  const dim3 threads(16, 16);
  const dim3 blocks(static_cast<unsigned>((n + 15) / 16), static_cast<unsigned>((m + 15) / 16));
  mm<<<blocks, threads>>>(static_cast<const float*>(args->inputs[0].data),
                          static_cast<const float*>(args->inputs[1].data), static_cast<float*>(args->outputs[0].data),
                          m, n, k);
  return cudaGetLastError() == cudaSuccess ? 0 : 1;
}
