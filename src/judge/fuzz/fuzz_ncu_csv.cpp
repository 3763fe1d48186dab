// libFuzzer target: Nsight Compute's CSV log, which carries the submission's own kernel names,
// must never crash the judge or make it loop without bound; a malformed log is an Error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "judge/ncu_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace arbiter::judge;
  if (size < 1) return 0;
  const int calls = data[0] % 8;
  try {
    const auto kernels = parse_ncu_csv(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
    const NcuShape s = summarise_ncu(kernels, calls);
    if (s.ok && s.kernel_names.size() > kernels.size()) __builtin_trap();
  } catch (const arbiter::Error&) {
  }
  return 0;
}
