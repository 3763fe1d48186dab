// Red team: cache-by-address (correctness). See README.md.
#include <arbiter/kernel.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

// The honest computation, used when the exploit "won" (so a pass means the judge lost).
static void add(const arbiter_args* a, int64_t from, int64_t to) {
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  for (int64_t i = from; i < to; ++i) z[i] = x[i] + y[i];
}
static int64_t numel(const arbiter_args* a) { return arbiter_numel(&a->inputs[0]); }
#include <vector>
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  static const void* last = nullptr; static std::vector<float> cache;
  const int64_t n = numel(a);
  if (a->inputs[0].data == last && (int64_t)cache.size() == n) { memcpy(a->outputs[0].data, cache.data(), n * 4); return 0; }
  add(a, 0, n);
  last = a->inputs[0].data;
  cache.assign(static_cast<float*>(a->outputs[0].data), static_cast<float*>(a->outputs[0].data) + n);
  return 0;
}
