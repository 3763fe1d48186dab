#pragma once
// The device trust level's launch description ([launch] in problem.toml): the submission brings
// only kernels, and the harness's own host code launches them, in order, with the grid, block,
// dynamic shared memory and arguments written here. No submission host code runs at all.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "problem/expr.hpp"

namespace arbiter::problem {

enum class ScalarType { i32, i64, u32, u64 };
std::string_view scalar_type_name(ScalarType t);

// One kernel argument: a tensor's device pointer, or an integer computed from the case's params
// and the knobs, passed as `type`.
struct LaunchArg {
  enum class Kind { input, output, scratch, scalar };
  Kind kind = Kind::scalar;
  std::size_t tensor = 0;  // index into the problem's inputs, outputs or the launch's scratch
  Expr value;              // scalar
  ScalarType type = ScalarType::i64;
  std::string text;        // as written, for messages
};

struct KernelLaunch {
  std::string kernel;             // an extern "C" __global__ function of the submission
  std::vector<Expr> grid, block;  // 1 to 3 dimensions each (x, y, z)
  std::optional<Expr> shared_bytes;
  std::vector<LaunchArg> args;
};

// Device memory the judge allocates for the kernels' own use (partial sums between two launches):
// poisoned before every call like the outputs and guarded by canaries, never checked.
struct ScratchSpec {
  std::string name;
  Expr bytes;  // over the params only (memory is laid out before the submission's knobs are known)
};

struct LaunchSpec {
  std::vector<KernelLaunch> kernels;
  std::vector<ScratchSpec> scratch;
  // Names a submission may set by defining `extern "C" __device__ const int NAME = …;` (or a
  // long long), with the problem's default otherwise; usable in every expression above.
  std::vector<std::pair<std::string, int64_t>> knobs;
  bool required = false;  // host-level (.cu with host code, Python) submissions are refused
};

}  // namespace arbiter::problem
