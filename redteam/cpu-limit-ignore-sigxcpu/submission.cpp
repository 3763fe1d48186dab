// Red team: cpu-limit-ignore-sigxcpu (escape). See README.md.
#include <arbiter/kernel.h>

#include <signal.h>

#include <atomic>
#include <thread>
#include <vector>

// Ignores the soft limit's SIGXCPU and keeps burning: the hard limit's SIGKILL must still
// read as a timeout, not a bare crash.
ARBITER_KERNEL int arbiter_kernel(const arbiter_args*) {
  signal(SIGXCPU, SIG_IGN);
  std::atomic<unsigned long> sink{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([&] {
      for (;;) sink.fetch_add(1, std::memory_order_relaxed);
    });
  for (auto& t : ts) t.join();
  return 0;
}
