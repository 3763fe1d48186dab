// An honest vectoradd: vectorised by the compiler (-O3 -march=native).
#include <arbiter/kernel.h>

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const float* __restrict x = static_cast<const float*>(a->inputs[0].data);
  const float* __restrict y = static_cast<const float*>(a->inputs[1].data);
  float* __restrict z = static_cast<float*>(a->outputs[0].data);
  const int64_t n = arbiter_numel(&a->inputs[0]);
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + y[i];
  return 0;
}
