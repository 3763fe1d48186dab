#pragma once
// The compile warm-up for load_inline / Triton submissions: before any timing, a separate build
// process imports the submission once so that torch.utils.cpp_extension (ninja, g++) and Triton
// compile into a per-run cache directory. That process may exec the compiler, which the timed
// contestant's seccomp profile forbids; it gets its own box instead: new user + network
// namespaces (no network), Landlock (read-only on the runtime and the submission, writable only
// in the cache), rlimits, its own process group and a time limit. The timed contestant then sees
// the cache read-only and loads the built extension without compiling (harness.py).
#include <filesystem>
#include <string>
#include <vector>

namespace arbiter::judge::python {

// Whether the submission's source asks for a compile step (a performance shortcut only: a
// submission that hides it still cannot compile inside the timed contestant).
bool needs_warm_up(const std::string& source);

struct WarmUp {
  bool ok = false;
  double seconds = 0;
  std::string log;        // the build's output, trimmed to its end (the compiler's errors)
  std::string isolation;  // what the build process got, for the report
};

// Imports dir/submission.py once with TORCH_EXTENSIONS_DIR=cache/torch_extensions,
// TRITON_CACHE_DIR=cache/triton, TMPDIR=cache/tmp. read_only: what it may read besides.
// cuda_arch: the judge's GPU as TORCH_CUDA_ARCH_LIST wants it ("9.0"), empty without one: the
// build has no GPU of its own to ask.
WarmUp warm_up(const std::filesystem::path& dir, const std::filesystem::path& cache,
               const std::vector<std::string>& read_only, double timeout_s, const std::string& cuda_arch = "");

// The environment the timed contestant gets to find the built extensions (read-only).
std::vector<std::string> cache_env(const std::filesystem::path& cache);

}  // namespace arbiter::judge::python
