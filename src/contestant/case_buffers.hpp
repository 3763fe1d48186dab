#pragma once
// The contestant's view of one case: the judge's shared buffers mapped (inputs read-only)
// and the arbiter_args the kernel receives.
#include <string>
#include <vector>

#include "arbiter/kernel.h"
#include "wire/messages.hpp"

namespace arbiter::contestant {

class CaseBuffers {
 public:
  CaseBuffers() = default;
  CaseBuffers(const CaseBuffers&) = delete;
  CaseBuffers& operator=(const CaseBuffers&) = delete;
  ~CaseBuffers() { release(); }
  // Takes ownership of the two descriptors. Throws Error on a description that does not fit.
  void setup(const wire::SetupCase& s, int input_fd, int output_fd);
  // The same over memory mapped elsewhere (the CUDA harness's device pointers); not owned.
  void describe(const wire::SetupCase& s, void* in, std::size_t in_len, void* out, std::size_t out_len);
  void release();
  const arbiter_args* args() const { return &args_; }

 private:
  void* in_ = nullptr;  // our own mappings of host memfds (null for device memory)
  void* out_ = nullptr;
  std::size_t in_len_ = 0, out_len_ = 0;
  std::vector<std::string> names_;
  std::vector<arbiter_tensor> inputs_, outputs_;
  std::vector<arbiter_param> params_;
  arbiter_args args_{};
};

}  // namespace arbiter::contestant
