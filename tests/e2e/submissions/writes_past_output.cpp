// Correct result, then 16 floats of scratch stolen just past the end of the output.
#include <arbiter/kernel.h>
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  const int64_t n = arbiter_numel(&a->inputs[0]);
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + y[i];
  for (int64_t i = n; i < n + 16; ++i) z[i] = 0.5f;
  return 0;
}
