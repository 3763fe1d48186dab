#include "backend/cpu/cache_flush.hpp"

#include <cstdint>
#if defined(__x86_64__)
#include <immintrin.h>
#endif
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

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

void CacheFlusher::flush_range(const void* p, std::size_t bytes) {
#if defined(__x86_64__)
  const auto* c = static_cast<const char*>(p);
  for (std::size_t i = 0; i < bytes; i += 64) _mm_clflush(c + i);
  _mm_mfence();
#else
  (void)p;
  (void)bytes;  // elsewhere the sweep below has to do
#endif
}

void CacheFlusher::flush() {
  const unsigned char* p = buf_.data();
  unsigned sum = 0;
  for (std::size_t i = 0; i < buf_.size(); i += 64) sum += p[i];
  sink_ = sink_ + sum;  // keeps the loads
}

}  // namespace arbiter::backend::cpu
