#include "backend/cuda/shared_allocation.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "backend/cuda/driver.hpp"
#include "core/error.hpp"

namespace arbiter::backend::cuda {
namespace {

CUmemAllocationProp props(int device) {
  CUmemAllocationProp p{};
  p.type = CU_MEM_ALLOCATION_TYPE_PINNED;
  p.location.type = CU_MEM_LOCATION_TYPE_DEVICE;
  p.location.id = device;
  p.requestedHandleTypes = CU_MEM_HANDLE_TYPE_POSIX_FILE_DESCRIPTOR;
  return p;
}

void map_and_allow(CUmemGenericAllocationHandle h, std::size_t size, int device, bool read_only, CUdeviceptr* out) {
  const Driver& d = driver();
  check(d.cuMemAddressReserve(out, size, 0, 0, 0), "cuMemAddressReserve");
  if (CUresult rc = d.cuMemMap(*out, size, 0, h, 0); rc != CUDA_SUCCESS) {
    d.cuMemAddressFree(*out, size);
    *out = 0;
    check(rc, "cuMemMap");
  }
  CUmemAccessDesc a{};
  a.location.type = CU_MEM_LOCATION_TYPE_DEVICE;
  a.location.id = device;
  a.flags = read_only ? CU_MEM_ACCESS_FLAGS_PROT_READ : CU_MEM_ACCESS_FLAGS_PROT_READWRITE;
  if (CUresult rc = d.cuMemSetAccess(*out, size, &a, 1); rc != CUDA_SUCCESS) {
    d.cuMemUnmap(*out, size);
    d.cuMemAddressFree(*out, size);
    *out = 0;
    check(rc, "cuMemSetAccess");
  }
}

}  // namespace

const char* sharing_name(Sharing s) {
  return s == Sharing::posix_fd ? "cuMem POSIX file descriptor" : "legacy cudaIpc handle";
}

Sharing choose_sharing(int device, const std::string& asked) {
  const char* env = std::getenv("ARBITER_GPU_SHARING");
  const std::string want = !asked.empty() ? asked : env ? env : "";
  if (want == "fd") return Sharing::posix_fd;
  if (want == "ipc") return Sharing::legacy_ipc;
  if (!want.empty() && want != "auto") fail("ARBITER_GPU_SHARING must be fd, ipc or auto, not '{}'", want);
  const Driver& d = driver();
  CUdevice dev = 0;
  int vmm = 0, fd = 0;
  if (d.cuDeviceGet(&dev, device) != CUDA_SUCCESS ||
      d.cuDeviceGetAttribute(&vmm, CU_DEVICE_ATTRIBUTE_VIRTUAL_MEMORY_MANAGEMENT_SUPPORTED, dev) != CUDA_SUCCESS ||
      d.cuDeviceGetAttribute(&fd, CU_DEVICE_ATTRIBUTE_HANDLE_TYPE_POSIX_FILE_DESCRIPTOR_SUPPORTED, dev) != CUDA_SUCCESS)
    return Sharing::legacy_ipc;
  return vmm && fd ? Sharing::posix_fd : Sharing::legacy_ipc;
}

std::size_t allocation_granularity(int device) {
  std::size_t g = 0;
  CUmemAllocationProp p = props(device);
  check(driver().cuMemGetAllocationGranularity(&g, &p, CU_MEM_ALLOC_GRANULARITY_MINIMUM),
        "cuMemGetAllocationGranularity");
  return g ? g : (std::size_t{2} << 20);
}

ExportedAllocation::ExportedAllocation(std::size_t bytes, int device, Sharing sharing) {
  const Driver& d = driver();
  if (sharing == Sharing::legacy_ipc) {
    legacy_ = true;
    size_ = (std::max<std::size_t>(bytes, 1) + 4095) / 4096 * 4096;
    check(d.cuMemAlloc(&ptr_, size_), "cuMemAlloc (shared buffer)");
    if (CUresult rc = d.cuIpcGetMemHandle(&ipc_, ptr_); rc != CUDA_SUCCESS) {
      release();
      check(rc, "cuIpcGetMemHandle");
    }
    return;
  }
  const std::size_t g = allocation_granularity(device);
  size_ = (std::max<std::size_t>(bytes, 1) + g - 1) / g * g;
  CUmemAllocationProp p = props(device);
  check(d.cuMemCreate(&handle_, size_, &p, 0), "cuMemCreate");
  try {
    map_and_allow(handle_, size_, device, false, &ptr_);
    check(d.cuMemExportToShareableHandle(&fd_, handle_, CU_MEM_HANDLE_TYPE_POSIX_FILE_DESCRIPTOR, 0),
          "cuMemExportToShareableHandle");
  } catch (...) {
    release();
    throw;
  }
}

ExportedAllocation& ExportedAllocation::operator=(ExportedAllocation&& o) noexcept {
  if (this != &o) {
    release();
    handle_ = std::exchange(o.handle_, 0);
    ptr_ = std::exchange(o.ptr_, 0);
    size_ = std::exchange(o.size_, 0);
    fd_ = std::exchange(o.fd_, -1);
    legacy_ = std::exchange(o.legacy_, false);
    ipc_ = o.ipc_;
  }
  return *this;
}

std::string ExportedAllocation::ipc_handle() const {
  return legacy_ ? std::string(reinterpret_cast<const char*>(&ipc_), sizeof ipc_) : std::string();
}

void ExportedAllocation::release() {
  if (!handle_ && !ptr_ && fd_ < 0) return;
  const Driver& d = driver();
  if (legacy_) {
    if (ptr_) d.cuMemFree(ptr_);
  } else if (ptr_) {
    d.cuMemUnmap(ptr_, size_);
    d.cuMemAddressFree(ptr_, size_);
  }
  if (handle_) d.cuMemRelease(handle_);
  if (fd_ >= 0) ::close(fd_);
  handle_ = 0;
  ptr_ = 0;
  fd_ = -1;
}

ExportedAllocation::~ExportedAllocation() { release(); }

ImportedAllocation::ImportedAllocation(int fd, std::size_t size, bool read_only, int device) : size_(size) {
  const Driver& d = driver();
  CUmemGenericAllocationHandle h = 0;
  CUresult rc = d.cuMemImportFromShareableHandle(&h, reinterpret_cast<void*>(static_cast<intptr_t>(fd)),  // NOLINT(performance-no-int-to-ptr): the driver takes the descriptor as a pointer
                                                 CU_MEM_HANDLE_TYPE_POSIX_FILE_DESCRIPTOR);
  ::close(fd);
  check(rc, "cuMemImportFromShareableHandle");
  try {
    map_and_allow(h, size_, device, read_only, &ptr_);
  } catch (...) {
    d.cuMemRelease(h);
    throw;
  }
  d.cuMemRelease(h);  // the mapping keeps the memory alive
}

ImportedAllocation::ImportedAllocation(const std::string& ipc_handle) : legacy_(true) {
  if (ipc_handle.size() != kIpcHandleBytes) fail("a legacy IPC handle is {} bytes, not {}", kIpcHandleBytes, ipc_handle.size());
  CUipcMemHandle h{};
  std::memcpy(&h, ipc_handle.data(), sizeof h);
  check(driver().cuIpcOpenMemHandle(&ptr_, h, CU_IPC_MEM_LAZY_ENABLE_PEER_ACCESS), "cuIpcOpenMemHandle");
}

ImportedAllocation& ImportedAllocation::operator=(ImportedAllocation&& o) noexcept {
  if (this != &o) {
    release();
    ptr_ = std::exchange(o.ptr_, 0);
    size_ = std::exchange(o.size_, 0);
    legacy_ = std::exchange(o.legacy_, false);
  }
  return *this;
}

void ImportedAllocation::release() {
  if (!ptr_) return;
  const Driver& d = driver();
  if (legacy_) {
    d.cuIpcCloseMemHandle(ptr_);
    ptr_ = 0;
    return;
  }
  d.cuMemUnmap(ptr_, size_);
  d.cuMemAddressFree(ptr_, size_);
  ptr_ = 0;
}

ImportedAllocation::~ImportedAllocation() { release(); }

}  // namespace arbiter::backend::cuda
