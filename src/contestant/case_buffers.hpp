#pragma once
// The contestant's view of one case: the judge's shared buffers mapped (inputs read-only)
// and the arbiter_args the kernel receives.
//
// Outputs arrive either once with the case (the Python harness) or, for native submissions,
// as a fresh memfd with every call: mapped before the call and, the moment the kernel returns,
// replaced by an inaccessible reservation of the same addresses, so no thread the submission
// left running can write them after the call: it faults (late_write_guard.hpp), and nothing
// else can be mapped there meanwhile. The judge seals each memfd at the reply, which proves
// no writable mapping of it was kept.
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
  // Takes ownership of the descriptors; output_fd < 0: outputs come with each call.
  // Throws Error on a description that does not fit.
  void setup(const wire::SetupCase& s, int input_fd, int output_fd);
  // The same over memory mapped elsewhere (the CUDA harness's device pointers); not owned.
  void describe(const wire::SetupCase& s, void* in, std::size_t in_len, void* out, std::size_t out_len);
  void release();
  bool outputs_per_call() const { return per_call_; }
  // Per-call outputs: map this call's buffer (takes ownership of fd), and unmap it again.
  void map_outputs(int fd);
  void unmap_outputs();
  bool outputs_mapped() const { return out_mapped_; }
  const arbiter_args* args() const { return &args_; }

 private:
  void point_outputs();
  void* in_ = nullptr;  // our own mappings of host memfds (null for device memory)
  void* out_ = nullptr;       // per call: this call's outputs, or the reservation between calls
  bool out_mapped_ = false;
  bool per_call_ = false;
  std::size_t in_len_ = 0, out_len_ = 0;
  std::vector<std::string> names_;
  std::vector<arbiter_tensor> inputs_, outputs_;
  std::vector<std::size_t> out_offsets_;
  std::vector<arbiter_param> params_;
  arbiter_args args_{};
};

}  // namespace arbiter::contestant
