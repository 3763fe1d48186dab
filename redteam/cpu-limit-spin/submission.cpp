// Red team: cpu-limit-spin (escape). See README.md.
#include <arbiter/kernel.h>

#include <atomic>
#include <thread>
#include <vector>

// Burns CPU on four threads forever: the run's CPU-time limit (RLIMIT_CPU) must end it.
ARBITER_KERNEL int arbiter_kernel(const arbiter_args*) {
  std::atomic<unsigned long> sink{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([&] {
      for (;;) sink.fetch_add(1, std::memory_order_relaxed);
    });
  for (auto& t : ts) t.join();
  return 0;
}
