// Wrong on a random 5 % of calls: escapes a checker that samples.
#include <arbiter/kernel.h>
#include <stdint.h>
static uint64_t state = 0;
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  const int64_t n = arbiter_numel(&a->inputs[0]);
  if (state == 0) state = reinterpret_cast<uintptr_t>(&state) | 1;  // ASLR as a seed
  state ^= state << 13; state ^= state >> 7; state ^= state << 17;
  const bool cheat = state % 100 < 5;
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + y[i] + (cheat && i == 0 ? 1.0f : 0.0f);
  return 0;
}
