#pragma once
// CaseMemory on the host: the inputs in one sealed memfd (read-only for the contestant) and a
// cache flush that clflushes them and sweeps 1.5x the last-level cache. Outputs are not held per
// case: each call gets a fresh memfd that the judge seals at the reply (judge/judge_case.cpp).
#include "backend/case_memory.hpp"
#include "backend/cpu/cache_flush.hpp"
#include "backend/cpu/shared_buffer.hpp"

namespace arbiter::backend::cpu {

class HostCaseMemory final : public CaseMemory {
 public:
  HostCaseMemory(std::size_t input_bytes, CacheFlusher& flusher);
  const char* kind() const override { return "cpu"; }
  bool outputs_per_call() const override { return true; }
  std::size_t input_size() const override { return in_.size(); }
  std::size_t output_size() const override { return 0; }
  int input_fd() const override { return in_.fd(); }
  int output_fd() const override { return -1; }
  void write_inputs(const unsigned char* src, std::size_t n) override;
  void write_outputs(const unsigned char* src, std::size_t n) override;
  void read_outputs(unsigned char* dst, std::size_t n) const override;
  void flush_caches() override;
  void evict(const void* p, std::size_t n) override { flusher_.flush_range(p, n); }

 private:
  SharedBuffer in_;
  CacheFlusher& flusher_;
};

}  // namespace arbiter::backend::cpu
