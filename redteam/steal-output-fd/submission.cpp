// Red team: steal-output-fd (escape probe). See README.md.
#include <arbiter/kernel.h>

#include <poll.h>
#include <sys/mman.h>
#include <time.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <thread>

static int64_t now_ns() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

// A thread parked in poll() on the judge's channel wakes with every frame and races the harness
// to mmap the output memfd riding with a call, in the microseconds before the harness closes it.
static std::atomic<size_t> out_len{4096};
static std::atomic<bool> stolen{false};

static void thief() {
  for (;;) {
    pollfd p{3, POLLIN, 0};
    if (poll(&p, 1, -1) <= 0) continue;
    const int64_t until = now_ns() + 50000;  // brief: long spinning would show as idle CPU
    bool refused = false;
    while (!stolen && !refused && now_ns() < until)
      for (int fd = 5; fd < 12 && !stolen && !refused; ++fd) {
        void* m = mmap(nullptr, out_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (m != MAP_FAILED) stolen = true;  // kept: it would outlive the harness's own mapping
        else if (errno == EACCES) refused = true;  // a memfd was there, but shared maps are denied
      }
    while (poll(&p, 1, 0) > 0 && (p.revents & POLLIN)) {  // the harness has not read it yet
      timespec ts{0, 20000};
      nanosleep(&ts, nullptr);
    }
  }
}

__attribute__((constructor)) static void start_thief() { std::thread(thief).detach(); }

// Honest every time; a stolen writable mapping is reported by failing the call (rc 7), so a pass
// means no theft ever succeeded.
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const int64_t n = arbiter_numel(&a->inputs[0]);
  out_len = (static_cast<size_t>(n) * sizeof(float) + 4095) / 4096 * 4096;
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + y[i];
  return stolen ? 7 : 0;
}
