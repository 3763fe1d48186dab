#pragma once
// The problem author's compiled reference, loaded into the judge (the author is trusted;
// the submission never runs here).
#include <filesystem>

#include "arbiter/kernel.h"

namespace arbiter::judge {

class Reference {
 public:
  explicit Reference(const std::filesystem::path& so);
  ~Reference();
  Reference(const Reference&) = delete;
  Reference& operator=(const Reference&) = delete;
  int run(const arbiter_args* a) const { return kernel_(a); }
  bool has_generator() const { return generate_ != nullptr; }
  int generate(const arbiter_args* a, uint64_t seed) const { return generate_(a, seed); }

 private:
  void* handle_ = nullptr;
  arbiter_kernel_fn kernel_ = nullptr;
  arbiter_generate_fn generate_ = nullptr;
};

}  // namespace arbiter::judge
