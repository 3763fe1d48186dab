#include "backend/cpu/case_memory.hpp"

#include <cstring>

namespace arbiter::backend::cpu {

HostCaseMemory::HostCaseMemory(std::size_t input_bytes, std::size_t output_bytes, CacheFlusher& flusher)
    : in_("arbiter-inputs", input_bytes, true), out_("arbiter-outputs", output_bytes, false), flusher_(flusher) {}

void HostCaseMemory::write_inputs(const unsigned char* src, std::size_t n) {
  if (n) std::memcpy(in_.data(), src, n);
}
void HostCaseMemory::write_outputs(const unsigned char* src, std::size_t n) {
  if (n) std::memcpy(out_.data(), src, n);
}
void HostCaseMemory::read_outputs(unsigned char* dst, std::size_t n) const {
  if (n) std::memcpy(dst, out_.data(), n);
}
void HostCaseMemory::flush_caches() {
  flusher_.flush_range(in_.data(), in_.size());
  flusher_.flush_range(out_.data(), out_.size());
  flusher_.flush();
}

}  // namespace arbiter::backend::cpu
