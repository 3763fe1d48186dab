#include "contestant/native_kernel.hpp"

#include <dlfcn.h>

namespace arbiter::contestant {

NativeKernel load_native_kernel(const std::string& path) {
  NativeKernel k;
  void* h = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char* e = ::dlerror();
    k.error = std::string("cannot load submission: ") + (e ? e : "unknown error");
    return k;
  }
  k.fn = reinterpret_cast<arbiter_kernel_fn>(::dlsym(h, "arbiter_kernel"));
  if (!k.fn) k.error = "submission does not export arbiter_kernel (declare it with ARBITER_KERNEL, see kernel.h)";
  return k;
}

__attribute__((noinline)) int empty_kernel(const arbiter_args* args) {
  asm volatile("" : : "r"(args) : "memory");
  return 0;
}

}  // namespace arbiter::contestant
