// Correct but slow: a strided walk that defeats prefetching and vectorisation.
#include <arbiter/kernel.h>

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  volatile float* z = static_cast<float*>(a->outputs[0].data);
  const int64_t n = arbiter_numel(&a->inputs[0]);
  const int64_t stride = 4099;  // prime: visits every index once
  for (int64_t s = 0; s < stride; ++s)
    for (int64_t i = s; i < n; i += stride) z[i] = x[i] + y[i];
  return 0;
}
