#pragma once
// The compile warm-up for submissions that build code (load_inline, Triton, torch.compile):
// before any timing, a second contestant — the builder — imports the submission and calls
// custom_kernel once on every shape of the run (inputs from a throwaway seed, outputs ignored),
// so that torch.utils.cpp_extension, Triton's JIT and Inductor compile into a per-run cache.
// The compilers start processes, which the timed contestant's seccomp profile forbids; the
// builder gets the same box (namespaces, mount tree, Landlock, rlimits, cgroup, the GPU) with a
// deny-list filter instead (sandbox/seccomp_build.cpp) and the cache as its one writable
// directory. The timed contestant then sees the cache read-only: extensions load without a
// compiler (harness.py), Triton finds its kernels, and the few tool queries compilers make
// (`ptxas --version`) are answered from the builder's record.
#include <sys/types.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <string>
#include <vector>

#include "judge/contestant_process.hpp"

namespace arbiter::judge::python {

// Whether the submission's source asks for a compile step (a performance shortcut only: a
// submission that hides it still cannot compile inside the timed contestant).
bool needs_warm_up(const std::string& source);

// The builder's options: the timed contestant's (`timed`, GPU included) plus process creation,
// the cache writable, the compilers' own paths readable (extra_ro) and room for their processes.
// cuda_arch: the judge's GPU as TORCH_CUDA_ARCH_LIST wants it ("9.0"), empty without one.
SpawnOptions builder_options(const SpawnOptions& timed, const std::filesystem::path& cache,
                             const std::vector<std::string>& extra_ro, const std::string& cuda_arch);

// The environment both contestants get to share the cache (the timed one reads it only).
std::vector<std::string> cache_env(const std::filesystem::path& cache);

// Every file under the cache with its size, one a line, sorted: what a warm-up pass changed.
std::string cache_listing(const std::filesystem::path& cache);

// Watches the cache while a builder runs: past `limit_bytes` (the disk is the host's) it kills
// the builder's process group and says so. Stops with the object.
class CacheWatch {
 public:
  CacheWatch(std::filesystem::path cache, pid_t builder, uint64_t limit_bytes);
  ~CacheWatch();
  CacheWatch(const CacheWatch&) = delete;
  CacheWatch& operator=(const CacheWatch&) = delete;
  bool exceeded() const { return exceeded_; }

 private:
  std::atomic<bool> stop_{false}, exceeded_{false};
  std::thread thread_;
};

// The cache's cap: ARBITER_WARM_UP_CACHE_MB, default 4096.
uint64_t warm_up_cache_limit_bytes();

// One line for the report: what the builder's box was, from its hello.
std::string describe_builder_box(const nlohmann::json& hello);

}  // namespace arbiter::judge::python
