// Correct but slow: the textbook i-j-k order walks B by columns (a cache miss per step).
#include <arbiter/kernel.h>

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const int64_t m = arbiter_param_or(a, "m", 0), n = arbiter_param_or(a, "n", 0), k = arbiter_param_or(a, "k", 0);
  const float* A = static_cast<const float*>(a->inputs[0].data);
  const float* B = static_cast<const float*>(a->inputs[1].data);
  float* C = static_cast<float*>(a->outputs[0].data);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      float s = 0;
      for (int64_t p = 0; p < k; ++p) s += A[i * k + p] * B[p * n + j];
      C[i * n + j] = s;
    }
  return 0;
}
