// Reference matmul (trusted, judge-side): i-k-j order, fp32 accumulation like most kernels.
#include <arbiter/kernel.h>

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const int64_t m = arbiter_param_or(a, "m", 0), n = arbiter_param_or(a, "n", 0), k = arbiter_param_or(a, "k", 0);
  const float* A = static_cast<const float*>(a->inputs[0].data);
  const float* B = static_cast<const float*>(a->inputs[1].data);
  float* C = static_cast<float*>(a->outputs[0].data);
  for (int64_t i = 0; i < m * n; ++i) C[i] = 0;
  for (int64_t i = 0; i < m; ++i)
    for (int64_t p = 0; p < k; ++p) {
      const float av = A[i * k + p];
      for (int64_t j = 0; j < n; ++j) C[i * n + j] += av * B[p * n + j];
    }
  return 0;
}
