#pragma once
// The backend one run uses, chosen from the submission (a .cu file runs on the GPU): where case
// buffers live, what the contestant's box must add, the machine profile behind the floors, and
// whether the contestant's times are device events.
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "backend/case_memory.hpp"
#include "judge/contestant_process.hpp"
#include "problem/machine_profile.hpp"

namespace arbiter::judge {

class RunBackend {
 public:
  virtual ~RunBackend() = default;
  virtual const char* name() const = 0;  // "cpu" or "cuda"
  virtual std::unique_ptr<backend::CaseMemory> case_memory(std::size_t input_bytes, std::size_t output_bytes) = 0;
  virtual void prepare_spawn(SpawnOptions& so) const = 0;
  virtual problem::MachineProfile machine() = 0;
  virtual nlohmann::json device() const = 0;  // for the report
};

std::unique_ptr<RunBackend> make_cpu_backend();
// Throws Error with the reason (no driver, no device, built without CUDA) where it cannot run.
// sharing: how GPU buffers reach the contestant, "fd" or "ipc"; empty: ARBITER_GPU_SHARING, else
// whatever the device supports (backend/cuda/shared_allocation.hpp).
std::unique_ptr<RunBackend> make_cuda_backend(const std::string& sharing = "");

// Measures the peaks behind the floors for "cpu" or "cuda" (device 0) and stores them
// (`arbiter calibrate --backend B`); throws Error naming what is missing.
problem::MachineProfile calibrate_backend(const std::string& backend);
problem::MachineProfile calibrate_cuda();  // run_backend_cuda.cpp

// nvcc's target flags for device 0 (asks the driver only, no context), so a submission can build
// while the backend opens. Throws Error where CUDA cannot run.
std::vector<std::string> cuda_compile_flags();

// Whether the CUDA backend can run here (built in, a driver, a device); never throws.
bool cuda_usable(std::string* why = nullptr);
// How runs here share GPU buffers (ARBITER_GPU_SHARING, else what device 0 supports), named as
// the report names it; asks the driver only (no context). Throws Error where CUDA cannot run.
std::string cuda_sharing_in_use();

// Which backend a submission file asks for: "cuda" for .cu, .cubin, .fatbin and .ptx, "cpu" otherwise.
std::string backend_for(const std::string& submission_path);

}  // namespace arbiter::judge
