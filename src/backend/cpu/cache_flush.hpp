#pragma once
// The judge's cache flush, before every timed call, so every call starts cold and the
// submission cannot skip it: first the lines of the buffers the call will touch are flushed
// precisely (clflush: the judge just wrote them, so they would otherwise be hot), then a buffer
// larger than the last-level cache is streamed through by reads (a cyclic sweep bigger than the
// cache misses on every line, evicting everything else; reads cost no write-backs).
#include <cstddef>
#include <vector>

namespace arbiter::backend::cpu {

std::size_t last_level_cache_bytes();  // from sysfs; 32 MiB if unknown

class CacheFlusher {
 public:
  explicit CacheFlusher(std::size_t bytes = 0);  // 0: 1.5 times the LLC
  void flush_range(const void* p, std::size_t bytes);
  void flush();
  std::size_t bytes() const { return buf_.size(); }

 private:
  std::vector<unsigned char> buf_;
  volatile unsigned sink_ = 0;
};

}  // namespace arbiter::backend::cpu
