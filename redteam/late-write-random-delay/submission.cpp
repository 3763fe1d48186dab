// Red team: late-write-random-delay (timing). See README.md.
#include <arbiter/kernel.h>

#include <sys/random.h>
#include <unistd.h>

#include <cstdint>
#include <thread>

// The honest computation, used when the exploit "won" (so a pass means the judge lost).
static void add(const arbiter_args* a, int64_t from, int64_t to) {
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  for (int64_t i = from; i < to; ++i) z[i] = x[i] + y[i];
}

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const int64_t n = arbiter_numel(&a->inputs[0]);
  add(a, 0, n / 2);
  unsigned r = 0;
  (void)!getrandom(&r, sizeof r, 0);
  const unsigned delay_us = r % 5000;  // anywhere in the next 5 ms: during the reply, the check, the next call
  arbiter_args copy = *a;
  std::thread([copy, n, delay_us] {
    usleep(delay_us);
    add(&copy, n / 2, n);
  }).detach();
  return 0;
}
