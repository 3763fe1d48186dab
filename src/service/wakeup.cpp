#include "service/wakeup.hpp"

namespace arbiter::service {

void Wakeup::notify() {
  {
    std::lock_guard<std::mutex> g(mu_);
    ++generation_;
  }
  cv_.notify_all();
}

void Wakeup::shutdown() {
  {
    std::lock_guard<std::mutex> g(mu_);
    closed_ = true;
  }
  cv_.notify_all();
}

std::uint64_t Wakeup::generation() {
  std::lock_guard<std::mutex> g(mu_);
  return generation_;
}

bool Wakeup::closed() {
  std::lock_guard<std::mutex> g(mu_);
  return closed_;
}

void Wakeup::set_max_waiters(int n) {
  std::lock_guard<std::mutex> g(mu_);
  max_waiters_ = n;
}

bool Wakeup::wait(std::uint64_t seen, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lk(mu_);
  if (closed_ || waiters_ >= max_waiters_) return false;
  ++waiters_;
  cv_.wait_for(lk, timeout, [&] { return closed_ || generation_ != seen; });
  --waiters_;
  return true;
}

}  // namespace arbiter::service
