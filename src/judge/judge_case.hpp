#pragma once
// The judge's side of one case: the shared buffers the contestant sees, and the judge's
// private pristine inputs, expected outputs and reply snapshot, which it never shares.
// Outputs are a fresh memfd per call: poisoned, handed over with the call, and sealed against
// writing at the reply (which fails while any writable mapping of it is left in the contestant),
// so the snapshot taken after the seal is final.
#include <cstdint>
#include <vector>

#include "arbiter/kernel.h"
#include "backend/cpu/cache_flush.hpp"
#include "backend/cpu/shared_buffer.hpp"
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

class JudgeCase {
 public:
  JudgeCase(const problem::Problem& p, const problem::Case& c);
  ~JudgeCase();
  JudgeCase(const JudgeCase&) = delete;
  JudgeCase& operator=(const JudgeCase&) = delete;
  wire::SetupCase describe() const;
  int input_fd() const { return in_shared_.fd(); }

  // Fresh inputs for this iteration into the private copy, then into the shared buffer.
  void generate(const Reference& ref, uint64_t run_seed, uint64_t iteration);
  // This call's outputs: a new memfd holding the poison pattern (alternating NaN bytes and
  // random bytes), its lines flushed from the caches. Returns its fd (owned here) to send.
  int fresh_outputs(uint64_t iteration, uint64_t poison_seed, backend::cpu::CacheFlusher& f);
  // At the reply: seals the call's outputs against any further write. False when a writable
  // mapping of them survives in the contestant (the harness unmaps them when the kernel returns).
  bool seal_outputs();
  void snapshot();                              // copy the sealed outputs
  CheckResult check(const Reference& ref);      // snapshot vs reference(pristine inputs)
  bool outputs_changed_since_snapshot() const;  // late writes after the reply (none once sealed)
  // The shared inputs' lines leave the caches (the judge just wrote them).
  void evict(backend::cpu::CacheFlusher& f) const;

 private:
  const problem::Problem& p_;
  problem::Case case_;
  std::vector<Layout> in_, out_;
  backend::cpu::SharedBuffer in_shared_;
  std::size_t out_size_ = 0;
  int call_fd_ = -1;  // this call's outputs
  bool sealed_ = false;
  std::vector<unsigned char> pristine_, expected_, snapshot_;
  std::vector<std::string> param_names_;
  std::vector<arbiter_param> params_;
  std::vector<arbiter_tensor> ref_in_, ref_out_;
  void build_reference_args();
};

}  // namespace arbiter::judge
