#pragma once
// Wakes long-polling requests in this process when something they wait for may have happened (a job
// became claimable, a submission finished). Waiters read the generation *before* checking the
// database and wait only while it is unchanged, so a notify between the check and the wait is never
// lost. Waiters are capped (each holds an HTTP thread); over the cap a caller must answer at once.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace arbiter::service {

class Wakeup {
 public:
  explicit Wakeup(int max_waiters = 16) : max_waiters_(max_waiters) {}
  void notify();
  // Ends every wait now and makes later waits return at once (server shutdown).
  void shutdown();
  std::uint64_t generation();
  bool closed();
  // Waits until the generation moves past `seen`, shutdown, or `timeout`. Returns false without
  // waiting when max_waiters are already waiting.
  bool wait(std::uint64_t seen, std::chrono::milliseconds timeout);
  void set_max_waiters(int n);

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t generation_ = 0;
  int waiters_ = 0, max_waiters_;
  bool closed_ = false;
};

}  // namespace arbiter::service
