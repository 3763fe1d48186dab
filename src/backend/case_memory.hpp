#pragma once
// Where one case's two buffers live (inputs, outputs), as the judge sees them: host memfds on the
// CPU backend, judge-owned GPU allocations on the CUDA backend. The judge keeps its pristine
// inputs and expected outputs in its own host memory and moves bytes through this interface only.
#include <cstddef>
#include <memory>
#include <string>

namespace arbiter::backend {

class CaseMemory {
 public:
  virtual ~CaseMemory() = default;
  virtual const char* kind() const = 0;           // "cpu" or "cuda": wire::SetupCase::memory
  // True: outputs are not held with the case; each call gets fresh ones (CPU: a sealed memfd).
  virtual bool outputs_per_call() const { return false; }
  virtual std::size_t input_size() const = 0;     // what the contestant maps
  virtual std::size_t output_size() const = 0;
  virtual int input_fd() const = 0;               // sent with the case (the channel duplicates)
  virtual int output_fd() const = 0;
  // GPU buffers shared by legacy IPC handle: both handles (input, output), sent in the case's
  // frame instead of descriptors (the fds above are then -1). Empty otherwise.
  virtual std::string peer_handles() const { return {}; }
  virtual void write_inputs(const unsigned char* src, std::size_t n) = 0;
  virtual void write_outputs(const unsigned char* src, std::size_t n) = 0;  // poison and canaries
  virtual void read_outputs(unsigned char* dst, std::size_t n) const = 0;
  // After the judge wrote the buffers and before the call: they and everything else the judge
  // touched leave the caches, so the call starts cold.
  virtual void flush_caches() = 0;
  // Drops one range the judge just wrote from the caches (host memory; nothing on the GPU).
  virtual void evict(const void* /*p*/, std::size_t /*n*/) {}
};

}  // namespace arbiter::backend
