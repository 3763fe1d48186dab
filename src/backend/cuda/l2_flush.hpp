#pragma once
// The judge's L2 flush before every timed call, in the judge's own context: persisting lines
// (an access-policy window the submission set) go back to normal first, then a buffer twice the
// L2 size is written, which evicts everything else; the call starts with a cold L2.
#include <cuda.h>

#include <cstddef>

#include "backend/cuda/device.hpp"

namespace arbiter::backend::cuda {

class L2Flusher {
 public:
  explicit L2Flusher(const DeviceInfo& dev);
  L2Flusher(const L2Flusher&) = delete;
  L2Flusher& operator=(const L2Flusher&) = delete;
  ~L2Flusher();
  void flush();  // returns once the device is idle
  std::size_t bytes() const { return bytes_; }

 private:
  CUdeviceptr buf_ = 0;
  std::size_t bytes_ = 0;
  unsigned value_ = 0;
};

}  // namespace arbiter::backend::cuda
