// Wrong: an exclusive scan (off by one element).
#include <arbiter/kernel.h>

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const int32_t* x = static_cast<const int32_t*>(a->inputs[0].data);
  int64_t* y = static_cast<int64_t*>(a->outputs[0].data);
  const int64_t n = arbiter_numel(&a->inputs[0]);
  int64_t s = 0;
  for (int64_t i = 0; i < n; ++i) { y[i] = s; s += x[i]; }
  return 0;
}
