#include "backend/cpu/case_memory.hpp"

#include <cstring>

#include "core/error.hpp"

namespace arbiter::backend::cpu {

HostCaseMemory::HostCaseMemory(std::size_t input_bytes, CacheFlusher& flusher)
    : in_("arbiter-inputs", input_bytes, true), flusher_(flusher) {}

void HostCaseMemory::write_inputs(const unsigned char* src, std::size_t n) {
  if (n > in_.size()) fail("input bytes {} exceed the shared buffer of {}", n, in_.size());
  if (n) std::memcpy(in_.data(), src, n);
}
// Host outputs live in a fresh memfd per call, owned by the JudgeCase (outputs_per_call()).
void HostCaseMemory::write_outputs(const unsigned char*, std::size_t) {
  fail("host outputs come per call, not with the case (a judge bug)");
}
void HostCaseMemory::read_outputs(unsigned char*, std::size_t) const {
  fail("host outputs come per call, not with the case (a judge bug)");
}
void HostCaseMemory::flush_caches() {
  flusher_.flush_range(in_.data(), in_.size());
  flusher_.flush();
}

}  // namespace arbiter::backend::cpu
