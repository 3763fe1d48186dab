// Correct, but keeps a thread burning CPU between calls (e.g. precomputing or cache warming).
#include <arbiter/kernel.h>
#include <pthread.h>
static volatile unsigned long sink;
static void* spin(void*) {
  for (;;) sink = sink + 1;
  return nullptr;
}
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  static bool started = false;
  if (!started) {
    pthread_t t;
    pthread_create(&t, nullptr, spin, nullptr);
    started = true;
  }
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  for (int64_t i = 0; i < arbiter_numel(&a->inputs[0]); ++i) z[i] = x[i] + y[i];
  return 0;
}
