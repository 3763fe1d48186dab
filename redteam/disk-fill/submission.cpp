// Red team: disk-fill (escape). See README.md.
#include <arbiter/kernel.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
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
// Writes 1 MiB chunks into /tmp until the file system says no. /tmp is the contestant's private
// 64 MiB tmpfs, so a win would be writing more than that (the host's disk, or RAM beyond the cap).
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  static char chunk[1 << 20];
  long long total = 0;
  for (int f = 0; f < 4 && total <= (64LL << 20); ++f) {
    char name[32];
    snprintf(name, sizeof name, "/tmp/fill%d", f);
    int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0) break;
    for (;;) {
      ssize_t n = write(fd, chunk, sizeof chunk);
      if (n <= 0) break;
      total += n;
    }
    close(fd);
  }
  if (total > (64LL << 20)) add(a, 0, numel(a));  // the escape worked: earn a pass
  return 0;  // stopped at the cap: leave the output poisoned
}
