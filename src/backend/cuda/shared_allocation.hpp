#pragma once
// GPU memory that crosses the process boundary: the judge creates it with the virtual-memory API
// and exports a POSIX file descriptor, passed to the contestant over the channel (it works across
// the contestant's user/pid/mount namespaces, measured on the H100 host: docs/gpu-results.md).
// Where the device or driver exports no descriptors, a cuMemAlloc allocation goes by its legacy
// IPC handle instead (64 bytes in the case's frame); that mapping cannot be read-only.
// The contestant imports and maps it into its own context; expected outputs never leave the judge.
#include <cuda.h>

#include <cstddef>
#include <string>
#include <utility>

namespace arbiter::backend::cuda {

enum class Sharing { posix_fd, legacy_ipc };
const char* sharing_name(Sharing s);  // "cuMem POSIX file descriptor" or "legacy cudaIpc handle"
// want: "fd", "ipc", "auto", or empty for ARBITER_GPU_SHARING (unset: auto). auto: descriptors
// where the device supports the virtual-memory API and POSIX descriptor handles, else the legacy
// handles. Throws on any other value.
Sharing choose_sharing(int device, const std::string& want = "");
inline constexpr std::size_t kIpcHandleBytes = sizeof(CUipcMemHandle);
static_assert(kIpcHandleBytes == 64, "the wire carries 64-byte IPC handles");

// Judge side: owns the physical memory and its mapping in the judge's context.
class ExportedAllocation {
 public:
  ExportedAllocation() = default;
  ExportedAllocation(std::size_t bytes, int device, Sharing sharing = Sharing::posix_fd);
  ExportedAllocation(ExportedAllocation&& o) noexcept { *this = std::move(o); }
  ExportedAllocation& operator=(ExportedAllocation&& o) noexcept;
  ~ExportedAllocation();
  CUdeviceptr ptr() const { return ptr_; }
  std::size_t size() const { return size_; }  // rounded up to the allocation granularity
  int fd() const { return fd_; }               // exported once; the channel sends duplicates (-1: legacy)
  std::string ipc_handle() const;              // legacy: the handle's bytes; else empty

 private:
  void release();
  CUmemGenericAllocationHandle handle_ = 0;
  CUdeviceptr ptr_ = 0;
  std::size_t size_ = 0;
  int fd_ = -1;
  bool legacy_ = false;  // cuMemAlloc memory with an IPC handle, not a cuMem allocation
  CUipcMemHandle ipc_{};
};

// Contestant side: maps an exported allocation (closing the descriptor).
class ImportedAllocation {
 public:
  ImportedAllocation() = default;
  ImportedAllocation(int fd, std::size_t size, bool read_only, int device);
  // Legacy: opens a 64-byte IPC handle (always read-write: the legacy API has no read-only open).
  explicit ImportedAllocation(const std::string& ipc_handle);
  ImportedAllocation(ImportedAllocation&& o) noexcept { *this = std::move(o); }
  ImportedAllocation& operator=(ImportedAllocation&& o) noexcept;
  ~ImportedAllocation();
  CUdeviceptr ptr() const { return ptr_; }

 private:
  void release();
  CUdeviceptr ptr_ = 0;
  std::size_t size_ = 0;
  bool legacy_ = false;
};

// The granularity every shared allocation is rounded to on this device.
std::size_t allocation_granularity(int device);

}  // namespace arbiter::backend::cuda
