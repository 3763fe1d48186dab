#pragma once
// The judge's side of one task.yml case: the layout the oracle reported, the two shared
// buffers (inputs sealed read-only for the contestant; outputs behind a status header), the
// poison before each call, and the snapshot taken the moment the reply arrives.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "backend/case_memory.hpp"
#include "backend/cpu/cache_flush.hpp"
#include "backend/cpu/shared_buffer.hpp"
#include "judge/python/oracle.hpp"
#include "judge/run_backend.hpp"
#include "problem/taskyml.hpp"
#include "wire/messages.hpp"

namespace arbiter::judge::python {

inline constexpr std::size_t kHeaderBytes = 4096;  // status u32, length u32, message (harness.py)
// The header's last bytes: per output, the dtype code of a result narrower than the reference's
// (float32 for float64), left as it is by the harness and widened by the oracle at the check.
inline constexpr std::size_t kNarrowBytes = 64;
enum class CallStatus : uint32_t { ok = 0, raised = 1, not_a_tensor = 2, bad_shape = 3 };

// Where the reference keeps its tensors decides where the contestant's live: host memfds, or
// judge-owned GPU allocations (`gpu`, null where this judge has no CUDA device) that the judge
// writes, poisons and reads back in its own context.
class PyCase {
 public:
  PyCase(Oracle& oracle, const problem::TaskCase& c, RunBackend* gpu = nullptr)
      : oracle_(oracle), case_(c), gpu_(gpu) {}
  // Fresh inputs from the oracle with this seed; the first call also lays out the buffers.
  void generate(int64_t seed);
  wire::SetupCase describe() const;
  int input_fd() const { return dev_ ? dev_->input_fd() : in_.fd(); }
  int output_fd() const { return dev_ ? dev_->output_fd() : out_.fd(); }
  bool on_gpu() const { return dev_ != nullptr; }

  void poison(uint64_t iteration, uint64_t poison_seed);
  // Before a call: the CPU's caches swept, or the GPU's L2 flushed (and the device idle).
  void flush_caches(backend::cpu::CacheFlusher& cpu);
  void snapshot();
  bool outputs_changed_since_snapshot();
  CallStatus status(std::string& message) const;  // from the snapshot's header
  // The problem's own check_implementation on the snapshot, in the oracle.
  bool check(std::string& message);
  std::size_t output_bytes() const { return out_size_ - kHeaderBytes; }
  // What a call must move at least: every input tensor read once (output slots excluded: they are
  // written, not read) and every output written once. For --mode profile.
  std::size_t moved_bytes() const;

 private:
  nlohmann::json narrow() const;  // the header's narrower-result codes (kNarrowBytes)
  Oracle& oracle_;
  problem::TaskCase case_;
  RunBackend* gpu_;
  nlohmann::json layout_;  // inputs, scalars, outputs, slots, input_size, device
  backend::cpu::SharedBuffer in_, out_;          // CPU cases
  std::unique_ptr<backend::CaseMemory> dev_;     // GPU cases
  std::vector<unsigned char> staging_, reread_;  // GPU: poison on its way in, outputs read again
  std::size_t out_size_ = 0;                     // header + outputs
  unsigned char* out_host();                     // where poison is written before it goes out
  std::vector<unsigned char> snapshot_;
  bool outputs_sent_ = false;
  bool direct_ = false;  // GPU: the oracle maps the allocations and works on them on the device
  void attach();
};

}  // namespace arbiter::judge::python
