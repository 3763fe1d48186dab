#pragma once
// The judge's side of one task.yml case: the layout the oracle reported, the two shared
// buffers (inputs sealed read-only for the contestant; outputs behind a status header), the
// poison before each call, and the snapshot taken the moment the reply arrives.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "backend/cpu/shared_buffer.hpp"
#include "judge/python/oracle.hpp"
#include "problem/taskyml.hpp"
#include "wire/messages.hpp"

namespace arbiter::judge::python {

inline constexpr std::size_t kHeaderBytes = 4096;  // status u32, length u32, message (harness.py)
enum class CallStatus : uint32_t { ok = 0, raised = 1, not_a_tensor = 2, bad_shape = 3 };

class PyCase {
 public:
  PyCase(Oracle& oracle, const problem::TaskCase& c) : oracle_(oracle), case_(c) {}
  // Fresh inputs from the oracle with this seed; the first call also lays out the buffers.
  void generate(int64_t seed);
  wire::SetupCase describe() const;
  int input_fd() const { return in_.fd(); }
  int output_fd() const { return out_.fd(); }

  void poison(uint64_t iteration, uint64_t poison_seed);
  void snapshot();
  bool outputs_changed_since_snapshot() const;
  CallStatus status(std::string& message) const;  // from the snapshot's header
  // The problem's own check_implementation on the snapshot, in the oracle.
  bool check(std::string& message);
  std::size_t output_bytes() const { return out_.size() - kHeaderBytes; }
  // What a call must move at least: every input tensor read once (output slots excluded: they are
  // written, not read) and every output written once. For --mode profile.
  std::size_t moved_bytes() const;

 private:
  Oracle& oracle_;
  problem::TaskCase case_;
  nlohmann::json layout_;  // inputs, scalars, outputs, slots, input_size
  backend::cpu::SharedBuffer in_, out_;
  std::vector<unsigned char> snapshot_;
  bool outputs_sent_ = false;
};

}  // namespace arbiter::judge::python
