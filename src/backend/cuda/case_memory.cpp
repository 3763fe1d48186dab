#include "backend/cuda/case_memory.hpp"

#include "backend/cuda/driver.hpp"
#include "core/error.hpp"

namespace arbiter::backend::cuda {

DeviceCaseMemory::DeviceCaseMemory(std::size_t input_bytes, std::size_t output_bytes, int device, L2Flusher& flusher,
                                   Sharing sharing)
    : in_(input_bytes, device, sharing), out_(output_bytes, device, sharing), flusher_(flusher) {}

std::string DeviceCaseMemory::peer_handles() const {
  const std::string in = in_.ipc_handle();
  return in.empty() ? in : in + out_.ipc_handle();
}

// Host-to-device copies from pageable memory may return before the DMA lands: flush_caches()
// synchronises the device before the contestant is signalled.
void DeviceCaseMemory::write_inputs(const unsigned char* src, std::size_t n) {
  if (n > in_.size()) fail("input bytes {} exceed the allocation of {}", n, in_.size());
  if (n) check(driver().cuMemcpyHtoD(in_.ptr(), src, n), "cuMemcpyHtoD (inputs)");
}
void DeviceCaseMemory::write_outputs(const unsigned char* src, std::size_t n) {
  if (n > out_.size()) fail("output bytes {} exceed the allocation of {}", n, out_.size());
  if (n) check(driver().cuMemcpyHtoD(out_.ptr(), src, n), "cuMemcpyHtoD (poison)");
}
void DeviceCaseMemory::read_outputs(unsigned char* dst, std::size_t n) const {
  if (n) check(driver().cuMemcpyDtoH(dst, out_.ptr(), n), "cuMemcpyDtoH (outputs)");
}

}  // namespace arbiter::backend::cuda
