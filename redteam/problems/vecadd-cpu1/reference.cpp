// Reference for vectoradd, compiled and run by the judge (trusted).
#include <arbiter/kernel.h>

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  const int64_t n = arbiter_numel(&a->inputs[0]);
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + y[i];
  return 0;
}
