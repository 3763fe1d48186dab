#include "backend/cpu/cache_flush.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#if defined(__x86_64__)
#include <immintrin.h>
#endif
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/chunk_pool.hpp"

namespace arbiter::backend::cpu {

std::size_t last_level_cache_bytes() {
  std::size_t best = 0;
  for (int i = 0; i < 8; ++i) {
    std::string base = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(i) + "/size";
    std::ifstream f(base);
    std::string s;
    if (!(f >> s) || s.empty()) continue;
    std::size_t mult = 1;
    if (s.back() == 'K') mult = 1024;
    if (s.back() == 'M') mult = 1024 * 1024;
    try {
      best = std::max(best, static_cast<std::size_t>(std::stoull(s)) * mult);
    } catch (...) {
    }
  }
  return best ? best : std::size_t{32} << 20;
}

CacheFlusher::CacheFlusher(std::size_t bytes) : buf_(bytes ? bytes : last_level_cache_bytes() * 3 / 2) {
  std::memset(buf_.data(), 1, buf_.size());  // fault every page in once, outside any timing
}

// Both in chunks on every core (core/chunk_pool.hpp): on a large server the sweep alone was 37 ms
// per call on one core (a GPU host's 16-core share of a big last-level cache), clflush of a
// 4M-element case's buffers as much again. clflush evicts the line from every cache in the
// coherence domain, whichever core issues it.
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

void CacheFlusher::flush_range(const void* p, std::size_t bytes) {
#if defined(__x86_64__)
  const auto* c = static_cast<const char*>(p);
  parallel_chunks((bytes + kChunkBytes - 1) / kChunkBytes, [&](std::size_t k) {
    const std::size_t end = std::min(bytes, (k + 1) * kChunkBytes);
    for (std::size_t i = k * kChunkBytes; i < end; i += 64) _mm_clflush(c + i);
    _mm_mfence();
  });
#else
  (void)p;
  (void)bytes;  // elsewhere the sweep below has to do
#endif
}

void CacheFlusher::flush() {
  const unsigned char* p = buf_.data();
  const std::size_t n = buf_.size();
  std::atomic<unsigned> total{0};
  parallel_chunks((n + kChunkBytes - 1) / kChunkBytes, [&](std::size_t k) {
    unsigned sum = 0;
    const std::size_t end = std::min(n, (k + 1) * kChunkBytes);
    for (std::size_t i = k * kChunkBytes; i < end; i += 64) sum += p[i];
    total += sum;
  });
  sink_ = sink_ + total.load();  // keeps the loads
}

}  // namespace arbiter::backend::cpu
