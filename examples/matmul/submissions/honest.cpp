// Honest matmul: cache-blocked i-k-j loops, vectorised inner loop, OpenMP over row blocks.
#include <arbiter/kernel.h>

#include <algorithm>

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const int64_t m = arbiter_param_or(a, "m", 0), n = arbiter_param_or(a, "n", 0), k = arbiter_param_or(a, "k", 0);
  const float* __restrict A = static_cast<const float*>(a->inputs[0].data);
  const float* __restrict B = static_cast<const float*>(a->inputs[1].data);
  float* __restrict C = static_cast<float*>(a->outputs[0].data);
  constexpr int64_t kb = 128;
#pragma omp parallel for schedule(static) if (m * n * k > (1 << 20))
  for (int64_t i = 0; i < m; ++i) {
    float* c = C + i * n;
    std::fill(c, c + n, 0.0f);
    for (int64_t p0 = 0; p0 < k; p0 += kb)
      for (int64_t p = p0; p < std::min(k, p0 + kb); ++p) {
        const float av = A[i * k + p];
        const float* b = B + p * n;
        for (int64_t j = 0; j < n; ++j) c[j] += av * b[j];
      }
  }
  return 0;
}
