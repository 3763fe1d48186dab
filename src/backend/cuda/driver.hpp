#pragma once
// The CUDA driver API, loaded at run time (dlopen of libcuda.so.1) so that one `arbiter` binary
// runs on machines with and without a GPU, and so that the contestant's harness holds its own
// function pointers, resolved before any submission code is loaded.
#include <cuda.h>

#include <string>

namespace arbiter::backend::cuda {

#define ARBITER_CUDA_FUNCTIONS(X)                                                                     \
  X(cuInit) X(cuDeviceGet) X(cuDeviceGetCount) X(cuDeviceGetName) X(cuDeviceGetAttribute)            \
  X(cuDeviceTotalMem) X(cuDevicePrimaryCtxRetain) X(cuDevicePrimaryCtxRelease) X(cuCtxSetCurrent)     \
  X(cuCtxSynchronize) X(cuCtxResetPersistingL2Cache) X(cuGetErrorString) X(cuGetErrorName)           \
  X(cuMemAlloc) X(cuMemFree) X(cuMemcpyHtoD) X(cuMemcpyDtoH) X(cuMemsetD8) X(cuMemsetD32)            \
  X(cuMemGetAllocationGranularity) X(cuMemCreate) X(cuMemRelease) X(cuMemAddressReserve)             \
  X(cuMemAddressFree) X(cuMemMap) X(cuMemUnmap) X(cuMemSetAccess) X(cuMemExportToShareableHandle)    \
  X(cuMemImportFromShareableHandle) X(cuEventCreate) X(cuEventDestroy) X(cuEventRecord)              \
  X(cuEventSynchronize) X(cuEventElapsedTime) X(cuStreamSynchronize) X(cuModuleLoadData)             \
  X(cuModuleGetFunction) X(cuLaunchKernel) X(cuDriverGetVersion) X(cuMemcpyDtoD) X(cuModuleGetGlobal)  \
  X(cuFuncSetAttribute) X(cuIpcGetMemHandle) X(cuIpcOpenMemHandle) X(cuIpcCloseMemHandle)

// Two-level stringify: cuda.h maps many names to versioned symbols (cuMemAlloc -> cuMemAlloc_v2).
#define ARBITER_CUDA_STR2(x) #x
#define ARBITER_CUDA_STR(x) ARBITER_CUDA_STR2(x)

struct Driver {
#define ARBITER_CUDA_MEMBER(name) decltype(&::name) name = nullptr;  // NOLINT(bugprone-macro-parentheses): a declaration
  ARBITER_CUDA_FUNCTIONS(ARBITER_CUDA_MEMBER)
#undef ARBITER_CUDA_MEMBER
  std::string library_path;  // the libcuda.so.1 that was loaded (its folder is bound into the box)
};

// Loads the driver once; throws Error("this machine has no CUDA driver: ...") where it is absent.
const Driver& driver();
// Whether the driver loads and sees at least one device (never throws).
bool available(std::string* why = nullptr);
// Throws Error naming the call and the driver's error name and text unless rc == CUDA_SUCCESS.
void check(CUresult rc, const char* what);

}  // namespace arbiter::backend::cuda
