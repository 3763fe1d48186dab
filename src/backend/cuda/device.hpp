#pragma once
// One GPU as the judge or the contestant uses it: the device's primary context made current on
// the calling thread (the submission's CUDA runtime then shares it), and what the judge needs to
// know of the device.
#include <cuda.h>

#include <string>
#include <utility>

namespace arbiter::backend::cuda {

struct DeviceInfo {
  int ordinal = 0;
  std::string name;
  int sm_count = 0, cc_major = 0, cc_minor = 0;
  int max_shared_per_block = 0;  // bytes of dynamic shared memory one block may opt in to
  std::size_t l2_bytes = 0, max_persisting_l2_bytes = 0, total_bytes = 0;
  int driver_version = 0;
};

// The device's compute capability, asked of the driver without a context.
std::pair<int, int> compute_capability(int ordinal);

class PrimaryContext {
 public:
  explicit PrimaryContext(int ordinal = 0);
  PrimaryContext(const PrimaryContext&) = delete;
  PrimaryContext& operator=(const PrimaryContext&) = delete;
  ~PrimaryContext();
  const DeviceInfo& info() const { return info_; }
  CUdevice device() const { return dev_; }

 private:
  CUdevice dev_ = 0;
  CUcontext ctx_ = nullptr;
  DeviceInfo info_;
};

}  // namespace arbiter::backend::cuda
