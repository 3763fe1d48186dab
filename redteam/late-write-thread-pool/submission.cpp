// Red team: late-write-thread-pool (timing). See README.md.
#include <arbiter/kernel.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>

// The honest computation, used when the exploit "won" (so a pass means the judge lost).
static void add(const arbiter_args* a, int64_t from, int64_t to) {
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  for (int64_t i = from; i < to; ++i) z[i] = x[i] + y[i];
}

// A pool started once (like an OpenMP or TBB runtime) whose workers outlive every call.
struct Task { arbiter_args args; int64_t from, to; };
static std::mutex mu;
static std::condition_variable cv;
static std::deque<Task> queue;

static void worker() {
  for (;;) {
    std::unique_lock<std::mutex> lk(mu);
    cv.wait(lk, [] { return !queue.empty(); });
    Task t = queue.front();
    queue.pop_front();
    lk.unlock();
    add(&t.args, t.from, t.to);
  }
}

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  static bool started = [] {
    for (int i = 0; i < 2; ++i) std::thread(worker).detach();
    return true;
  }();
  (void)started;
  const int64_t n = arbiter_numel(&a->inputs[0]);
  {
    std::lock_guard<std::mutex> lk(mu);
    queue.push_back({*a, n / 2, n});  // the pool finishes the second half; nobody waits for it
  }
  cv.notify_one();
  add(a, 0, n / 2);
  return 0;
}
