#include "backend/cpu/cache_flush.hpp"

#include <cstdint>
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

CacheFlusher::CacheFlusher(std::size_t bytes) : buf_(bytes ? bytes : 2 * last_level_cache_bytes()) {}

void CacheFlusher::flush() {
  // Write every line (evicting dirty and clean lines alike); a changing value keeps the
  // compiler and the CPU from skipping stores of equal data.
  ++round_;
  std::memset(buf_.data(), round_, buf_.size());
  volatile unsigned char sink = 0;
  for (std::size_t i = 0; i < buf_.size(); i += 4096) sink = sink + buf_[i];
  (void)sink;
}

}  // namespace arbiter::backend::cpu
