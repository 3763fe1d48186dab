#pragma once
// CaseMemory on the GPU: both buffers are judge-owned allocations exported as POSIX descriptors
// (or legacy IPC handles, shared_allocation.hpp); the judge writes inputs and poison and reads
// outputs back in its own context.
#include "backend/case_memory.hpp"
#include "backend/cuda/l2_flush.hpp"
#include "backend/cuda/shared_allocation.hpp"

namespace arbiter::backend::cuda {

class DeviceCaseMemory final : public CaseMemory {
 public:
  DeviceCaseMemory(std::size_t input_bytes, std::size_t output_bytes, int device, L2Flusher& flusher,
                   Sharing sharing = Sharing::posix_fd);
  const char* kind() const override { return "cuda"; }
  std::size_t input_size() const override { return in_.size(); }
  std::size_t output_size() const override { return out_.size(); }
  int input_fd() const override { return in_.fd(); }
  int output_fd() const override { return out_.fd(); }
  std::string peer_handles() const override;
  void write_inputs(const unsigned char* src, std::size_t n) override;
  void write_outputs(const unsigned char* src, std::size_t n) override;
  void read_outputs(unsigned char* dst, std::size_t n) const override;
  void flush_caches() override { flusher_.flush(); }

 private:
  ExportedAllocation in_, out_;
  L2Flusher& flusher_;
};

}  // namespace arbiter::backend::cuda
