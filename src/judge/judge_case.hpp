#pragma once
// The judge's side of one case: the shared buffers the contestant sees, and the judge's
// private pristine inputs, expected outputs and reply snapshot, which it never shares.
// On the CPU, outputs are a fresh memfd per call: poisoned, handed over with the call, and sealed
// against writing at the reply (which fails while any writable mapping of it is left in the
// contestant), so the snapshot taken after the seal is final. On the GPU they are one judge-owned
// allocation per case, poisoned before and read back after every call.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <memory>

#include "arbiter/kernel.h"
#include "backend/case_memory.hpp"
#include "judge/checker.hpp"
#include "judge/reference.hpp"
#include "problem/problem.hpp"
#include "wire/messages.hpp"

namespace arbiter::judge {

struct Layout {
  std::string name;
  DType dtype;
  std::vector<int64_t> shape;
  std::size_t offset = 0, bytes = 0, count = 0;
};

// Makes the memory a case's buffers live in (the run's backend), given the two sizes.
using MemoryFactory = std::function<std::unique_ptr<backend::CaseMemory>(std::size_t, std::size_t)>;

class JudgeCase {
 public:
  // scratch: the device trust level's [[launch.scratch]] buffers (name, bytes), laid out after the
  // outputs in the same allocation: poisoned and guarded like them, never checked.
  JudgeCase(const problem::Problem& p, const problem::Case& c, const MemoryFactory& memory,
            const std::vector<std::pair<std::string, std::size_t>>& scratch = {});
  ~JudgeCase();
  JudgeCase(const JudgeCase&) = delete;
  JudgeCase& operator=(const JudgeCase&) = delete;
  wire::SetupCase describe() const;
  const problem::Params& params() const { return case_.params; }
  int input_fd() const { return mem_->input_fd(); }
  int output_fd() const { return per_call_ ? -1 : mem_->output_fd(); }  // -1: outputs come with each call
  bool per_call_outputs() const { return per_call_; }

  // Fresh inputs for this iteration into the private copy, then into the shared buffer.
  void generate(const Reference& ref, uint64_t run_seed, uint64_t iteration);
  // Poison pattern in every output (alternating NaN bytes and random bytes), and a secret
  // canary pattern in the guard bytes before and after each output tensor: into the case's
  // outputs (GPU), or into a new memfd whose descriptor (owned here) is returned (CPU).
  void poison(uint64_t iteration, uint64_t poison_seed);
  int fresh_outputs(uint64_t iteration, uint64_t poison_seed);
  // CPU, at the reply: seals the call's outputs against any further write. False when a writable
  // mapping of them survives in the contestant (the harness unmaps them when the kernel returns).
  // The kernel also refuses the seal while a page holds a passing extra reference (compaction or
  // reclaim on a loaded machine): retried for patience_ms, which costs time only in runs that keep
  // their mapping, and those end rejected anyway.
  bool seal_outputs(int patience_ms = kSealPatienceMs);
  static constexpr int kSealPatienceMs = 2000;
  void snapshot();                              // copy outputs the moment the reply arrives
  // Empty, or which output's guard bytes the call overwrote (a write out of bounds).
  std::string canary_damage() const;
  CheckResult check(const Reference& ref);      // snapshot vs reference(pristine inputs)
  bool outputs_changed_since_snapshot();        // late writes after the reply (none once sealed)
  // The buffers (which the judge just wrote) and everything else leave the caches.
  void flush_caches() { mem_->flush_caches(); }
  const char* memory_kind() const { return mem_->kind(); }
  const std::vector<unsigned char>& inputs() const { return pristine_; }  // the last call's inputs
  static constexpr std::size_t kGuardBytes = 4096;

 private:
  const problem::Problem& p_;
  problem::Case case_;
  std::vector<Layout> in_, out_, scratch_;
  std::unique_ptr<backend::CaseMemory> mem_;
  std::size_t out_bytes_ = 0;  // laid-out size of the outputs, guards included
  bool per_call_ = false;      // CPU: a fresh output memfd per call
  int call_fd_ = -1;           // this call's outputs (CPU)
  bool sealed_ = false;
  void build_poison(uint64_t iteration, uint64_t poison_seed);
  std::vector<unsigned char> pristine_, expected_, snapshot_, poison_, recheck_;
  std::vector<std::string> param_names_;
  std::vector<arbiter_param> params_;
  std::vector<arbiter_tensor> ref_in_, ref_out_;
  void build_reference_args();
};

}  // namespace arbiter::judge
