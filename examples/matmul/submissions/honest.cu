// fp32 matmul on the GPU: 16x16 shared-memory tiles (C = A B, row-major, any m, n, k).
#include <arbiter/kernel.h>

constexpr int T = 16;

__global__ void mm(const float* A, const float* B, float* C, int64_t m, int64_t n, int64_t k) {
  __shared__ float a[T][T], b[T][T];
  const int64_t row = static_cast<int64_t>(blockIdx.y) * T + threadIdx.y;
  const int64_t col = static_cast<int64_t>(blockIdx.x) * T + threadIdx.x;
  float acc = 0;
  for (int64_t t = 0; t < k; t += T) {
    a[threadIdx.y][threadIdx.x] = row < m && t + threadIdx.x < k ? A[row * k + t + threadIdx.x] : 0.f;
    b[threadIdx.y][threadIdx.x] = col < n && t + threadIdx.y < k ? B[(t + threadIdx.y) * n + col] : 0.f;
    __syncthreads();
    for (int i = 0; i < T; ++i) acc += a[threadIdx.y][i] * b[i][threadIdx.x];
    __syncthreads();
  }
  if (row < m && col < n) C[row * n + col] = acc;
}

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* args) {
  const int64_t m = args->inputs[0].shape[0], k = args->inputs[0].shape[1], n = args->inputs[1].shape[1];
  if (m == 0 || n == 0) return 0;
  dim3 block(T, T), grid(static_cast<unsigned>((n + T - 1) / T), static_cast<unsigned>((m + T - 1) / T));
  mm<<<grid, block>>>(static_cast<const float*>(args->inputs[0].data), static_cast<const float*>(args->inputs[1].data),
                      static_cast<float*>(args->outputs[0].data), m, n, k);
  return cudaGetLastError() == cudaSuccess ? 0 : 1;
}
