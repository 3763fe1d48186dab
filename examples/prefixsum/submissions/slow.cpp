// Correct but slow: recomputes each prefix from a checkpoint every 64 elements.
#include <arbiter/kernel.h>

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const int32_t* x = static_cast<const int32_t*>(a->inputs[0].data);
  volatile int64_t* y = static_cast<int64_t*>(a->outputs[0].data);
  const int64_t n = arbiter_numel(&a->inputs[0]);
  int64_t base = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (i % 64 == 0 && i > 0) base = y[i - 1];
    int64_t s = base;
    for (int64_t j = i - i % 64; j <= i; ++j) s += x[j];
    y[i] = s;
  }
  return 0;
}
