// Red team: write-judge-binary (escape). See README.md.
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
// Tries every way to the arbiter binary for writing; a win is any of them opening.
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  // The contestant is pid 1 of its namespace; the judge's binary is the same file, bound read-only.
  const char* paths[] = {"/proc/self/exe", "/proc/1/exe", "/usr/local/bin/arbiter"};
  for (const char* p : paths) {
    int fd = open(p, O_RDWR);
    if (fd < 0) fd = open(p, O_WRONLY | O_TRUNC);
    if (fd >= 0) { add(a, 0, numel(a));  // the escape worked: earn a pass
      return 0; }
  }
  return 0;  // refused: leave the output poisoned
}
