#pragma once
// GPU memory that crosses the process boundary: the judge creates it with the virtual-memory API
// and exports a POSIX file descriptor, passed to the contestant over the channel (it works across
// the contestant's user/pid/mount namespaces, measured on the H100 host: docs/gpu-results.md).
// The contestant imports and maps it into its own context; expected outputs never leave the judge.
#include <cuda.h>

#include <cstddef>
#include <utility>

namespace arbiter::backend::cuda {

// Judge side: owns the physical memory and its mapping in the judge's context.
class ExportedAllocation {
 public:
  ExportedAllocation() = default;
  ExportedAllocation(std::size_t bytes, int device);
  ExportedAllocation(ExportedAllocation&& o) noexcept { *this = std::move(o); }
  ExportedAllocation& operator=(ExportedAllocation&& o) noexcept;
  ~ExportedAllocation();
  CUdeviceptr ptr() const { return ptr_; }
  std::size_t size() const { return size_; }  // rounded up to the allocation granularity
  int fd() const { return fd_; }               // exported once; the channel sends duplicates

 private:
  void release();
  CUmemGenericAllocationHandle handle_ = 0;
  CUdeviceptr ptr_ = 0;
  std::size_t size_ = 0;
  int fd_ = -1;
};

// Contestant side: maps an exported allocation (closing the descriptor).
class ImportedAllocation {
 public:
  ImportedAllocation() = default;
  ImportedAllocation(int fd, std::size_t size, bool read_only, int device);
  ImportedAllocation(ImportedAllocation&& o) noexcept { *this = std::move(o); }
  ImportedAllocation& operator=(ImportedAllocation&& o) noexcept;
  ~ImportedAllocation();
  CUdeviceptr ptr() const { return ptr_; }

 private:
  void release();
  CUdeviceptr ptr_ = 0;
  std::size_t size_ = 0;
};

// The granularity every shared allocation is rounded to on this device.
std::size_t allocation_granularity(int device);

}  // namespace arbiter::backend::cuda
