#include "backend/cuda/device.hpp"

#include "backend/cuda/driver.hpp"

namespace arbiter::backend::cuda {

std::pair<int, int> compute_capability(int ordinal) {
  const Driver& d = driver();
  CUdevice dev = 0;
  check(d.cuDeviceGet(&dev, ordinal), "cuDeviceGet");
  int major = 0, minor = 0;
  check(d.cuDeviceGetAttribute(&major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev), "cuDeviceGetAttribute");
  check(d.cuDeviceGetAttribute(&minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev), "cuDeviceGetAttribute");
  return {major, minor};
}

PrimaryContext::PrimaryContext(int ordinal) {
  const Driver& d = driver();
  check(d.cuDeviceGet(&dev_, ordinal), "cuDeviceGet");
  check(d.cuDevicePrimaryCtxRetain(&ctx_, dev_), "cuDevicePrimaryCtxRetain");
  check(d.cuCtxSetCurrent(ctx_), "cuCtxSetCurrent");
  info_.ordinal = ordinal;
  char name[256] = {};
  check(d.cuDeviceGetName(name, sizeof name - 1, dev_), "cuDeviceGetName");
  info_.name = name;
  auto attr = [&](CUdevice_attribute a) {
    int v = 0;
    check(d.cuDeviceGetAttribute(&v, a, dev_), "cuDeviceGetAttribute");
    return v;
  };
  info_.sm_count = attr(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
  info_.cc_major = attr(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
  info_.max_shared_per_block = attr(CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN);
  info_.cc_minor = attr(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
  info_.l2_bytes = static_cast<std::size_t>(attr(CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE));
  info_.max_persisting_l2_bytes = static_cast<std::size_t>(attr(CU_DEVICE_ATTRIBUTE_MAX_PERSISTING_L2_CACHE_SIZE));
  check(d.cuDeviceTotalMem(&info_.total_bytes, dev_), "cuDeviceTotalMem");
  check(d.cuDriverGetVersion(&info_.driver_version), "cuDriverGetVersion");
}

PrimaryContext::~PrimaryContext() {
  if (ctx_) driver().cuDevicePrimaryCtxRelease(dev_);
}

}  // namespace arbiter::backend::cuda
