#include "core/chunk_pool.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace arbiter {
namespace {

// A run waits until every worker has seen it, so no worker still holds the previous run's job
// when the next one starts.
class ChunkPool {
 public:
  static ChunkPool& instance() {
    static ChunkPool pool;
    return pool;
  }
  // fn(c) for every c in [0, chunks), on the workers and the calling thread; returns when all ran.
  // A second caller while the pool is busy runs its chunks alone.
  void run(std::size_t chunks, const std::function<void(std::size_t)>& fn) {
    std::unique_lock<std::mutex> mine(run_m_, std::try_to_lock);
    if (!mine || workers_.empty() || chunks <= 1) {
      for (std::size_t c = 0; c < chunks; ++c) fn(c);
      return;
    }
    {
      std::lock_guard<std::mutex> l(m_);
      job_ = &fn;
      chunks_ = chunks;
      next_ = 0;
      finished_ = 0;
      ++generation_;
    }
    wake_.notify_all();
    for (std::size_t c = next_++; c < chunks; c = next_++) fn(c);
    std::unique_lock<std::mutex> l(m_);
    done_.wait(l, [&] { return finished_ == workers_.size(); });
    job_ = nullptr;
  }
  ChunkPool(const ChunkPool&) = delete;
  ChunkPool& operator=(const ChunkPool&) = delete;

 private:
  ChunkPool() {
    const std::size_t n = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), 32);
    for (std::size_t i = 1; i < n; ++i) workers_.emplace_back([this] { work(); });
  }
  ~ChunkPool() {
    {
      std::lock_guard<std::mutex> l(m_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
  }
  void work() {
    uint64_t seen = 0;
    std::unique_lock<std::mutex> l(m_);
    for (;;) {
      wake_.wait(l, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      const std::function<void(std::size_t)>* job = job_;
      const std::size_t chunks = chunks_;
      l.unlock();
      for (std::size_t c = next_++; c < chunks; c = next_++) (*job)(c);
      l.lock();
      if (++finished_ == workers_.size()) done_.notify_one();
    }
  }
  std::mutex run_m_, m_;
  std::condition_variable wake_, done_;
  const std::function<void(std::size_t)>* job_ = nullptr;
  std::size_t chunks_ = 0, finished_ = 0;
  std::atomic<std::size_t> next_{0};
  uint64_t generation_ = 0;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace

void parallel_chunks(std::size_t chunks, const std::function<void(std::size_t)>& fn) {
  ChunkPool::instance().run(chunks, fn);
}

}  // namespace arbiter
