#include "backend/cuda/l2_flush.hpp"

#include <algorithm>

#include "backend/cuda/driver.hpp"

namespace arbiter::backend::cuda {

L2Flusher::L2Flusher(const DeviceInfo& dev) {
  bytes_ = std::max<std::size_t>(2 * dev.l2_bytes, std::size_t{8} << 20);
  bytes_ = (bytes_ + 3) / 4 * 4;
  check(driver().cuMemAlloc(&buf_, bytes_), "cuMemAlloc (L2 flush buffer)");
}

L2Flusher::~L2Flusher() {
  if (buf_) driver().cuMemFree(buf_);
}

void L2Flusher::flush() {
  const Driver& d = driver();
  // Not supported on every device or driver; the write below still evicts normal lines.
  (void)d.cuCtxResetPersistingL2Cache();
  check(d.cuMemsetD32(buf_, ++value_, bytes_ / 4), "cuMemsetD32 (L2 flush)");
  check(d.cuCtxSynchronize(), "cuCtxSynchronize (after the L2 flush)");
}

}  // namespace arbiter::backend::cuda
