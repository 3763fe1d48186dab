#pragma once
// Loads a compiled submission (a shared object exporting arbiter_kernel). Only ever called
// after the sandbox is on: the object's constructors are untrusted code.
#include <string>

#include "arbiter/kernel.h"

namespace arbiter::contestant {

struct NativeKernel {
  arbiter_kernel_fn fn = nullptr;
  std::string error;  // set when loading failed
};

NativeKernel load_native_kernel(const std::string& path);

// The calibration "kernel": does nothing, called the same way as a submission's.
int empty_kernel(const arbiter_args* args);

}  // namespace arbiter::contestant
