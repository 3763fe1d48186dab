#pragma once
// The GPU's measured peaks behind the physical floor: device-to-device copy bandwidth (bytes read
// plus written, timed with events in the judge's context) and the FP32 rate. Stored once per
// machine like the CPU profile (`arbiter calibrate --backend cuda`).
#include "backend/cuda/device.hpp"
#include "problem/machine_profile.hpp"

namespace arbiter::backend::cuda {

problem::MachineProfile measure_gpu_profile(const DeviceInfo& dev);
problem::MachineProfile load_or_measure_gpu_profile(const DeviceInfo& dev);

}  // namespace arbiter::backend::cuda
