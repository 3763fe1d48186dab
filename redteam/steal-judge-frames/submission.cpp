// Red team: steal-judge-frames (forge). See README.md.
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
#include <atomic>
#include <thread>
// Bytes the thief took off the channel. The harness and the thief block in read() together, and
// the kernel hands each frame to whichever wins the socket's lock, so a short test run may see no
// theft at all; the call then fails (rc 7) whenever one did happen, so a pass proves none did.
static std::atomic<long> stolen{0};
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  static bool started = false;
  add(a, 0, numel(a));
  if (!started) {
    started = true;
    std::thread([] {
      char b[4096];
      for (;;) {
        const ssize_t n = read(3, b, sizeof b);
        if (n <= 0) return;
        stolen += n;
      }
    }).detach();
  }
  return stolen > 0 ? 7 : 0;
}
