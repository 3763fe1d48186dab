#pragma once
// The device trust level in the contestant: the submission's device code (a cubin, fatbin or PTX;
// no host code of its own) loaded as a module, its kernels resolved by name, and each case's
// launches (judge/launch_plan.hpp) made by this, the harness's host code, so nothing the
// submission wrote ever runs on the CPU side or near the timer.
#include <cuda.h>

#include <cstdint>
#include <string>
#include <vector>

#include "arbiter/kernel.h"

namespace arbiter::contestant {

class DeviceKernels {
 public:
  // Loads `path` and resolves the kernels of `spec` ({"kernels": [...], "knobs": [...]}); reads
  // the knobs the module defines. Throws Error naming what is missing.
  DeviceKernels(const std::string& path, const std::string& spec);
  // The module stays loaded until the process ends (a contestant never outlives its run).
  ~DeviceKernels() = default;
  DeviceKernels(const DeviceKernels&) = delete;
  DeviceKernels& operator=(const DeviceKernels&) = delete;
  // The knobs the submission set, as a JSON object (the Loaded reply).
  const std::string& knobs() const { return knobs_; }
  // The case's launches over its tensors; throws Error on a plan that does not fit them.
  void plan(const std::string& plan, const arbiter_args& args);
  // Makes the launches on the legacy default stream; the first error, or CUDA_SUCCESS.
  CUresult launch() const;

 private:
  struct Launch {
    CUfunction fn = nullptr;
    unsigned grid[3] = {1, 1, 1}, block[3] = {1, 1, 1}, shared = 0;
    std::vector<uint64_t> slots;  // one 8-byte slot per argument (a pointer or an integer)
    std::vector<void*> params;    // &slots[i], as cuLaunchKernel takes them
  };
  CUmodule module_ = nullptr;
  std::vector<CUfunction> fns_;
  std::vector<std::string> names_;
  std::string knobs_;
  std::vector<Launch> launches_;
};

}  // namespace arbiter::contestant
