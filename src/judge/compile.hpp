#pragma once
// Compiling native code: submissions in a locked-down compiler process (Landlock: reads only
// the toolchain, our header and its own work dir, so `#include "/path/to/secret"` cannot leak
// a file through the error message), references cached by content hash.
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

namespace arbiter::judge {

struct CompileResult {
  bool ok = false;
  bool timed_out = false;
  bool cancelled = false;
  std::string log;  // the compiler's output, at most 64 KiB
  double ms = 0;
  bool front_ends_side_by_side = false;  // nvcc's steps ran split (nvcc_split.hpp)
};

struct CompileJob {
  std::filesystem::path source, output;
  std::vector<std::string> extra_flags;
  double time_limit_s = 60;
  bool sandboxed = true;  // false for a problem author's reference
  bool cuda = false;      // a .cu file: nvcc, with the CUDA runtime linked in statically
  // The device trust level: nvcc -cubin, device code only (the file's host code is never built).
  bool device_code_only = false;
  const std::atomic<bool>* cancel = nullptr;  // once true, the compiler is killed (the run ended)
};

// Throws Error when the compiler cannot be sandboxed or started (the machine's fault); a
// submission that does not compile is a CompileResult with ok false.
CompileResult compile_shared_object(const CompileJob& job);

// The reference's shared object, compiled once per content hash into the cache dir.
std::filesystem::path compiled_reference(const std::filesystem::path& source, const std::vector<std::string>& flags,
                                         double time_limit_s);

// A trusted build (the problem's same-run baseline) compiled once per content, compiler and flags
// into the cache dir, then copied to job.output; what a failed compile gives otherwise.
CompileResult compile_cached(const CompileJob& job);

std::filesystem::path include_dir();  // where arbiter/kernel.h lives
std::string compiler();               // $ARBITER_CXX or g++
std::string cuda_compiler();          // $ARBITER_NVCC, else nvcc on the CUDA toolkit's usual paths

}  // namespace arbiter::judge
