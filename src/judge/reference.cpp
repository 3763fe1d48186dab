#include "judge/reference.hpp"

#include <dlfcn.h>

#include "core/error.hpp"

namespace arbiter::judge {

Reference::Reference(const std::filesystem::path& so) {
  handle_ = ::dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) fail("cannot load the problem's reference: {}", ::dlerror());
  kernel_ = reinterpret_cast<arbiter_kernel_fn>(::dlsym(handle_, "arbiter_kernel"));
  if (!kernel_) fail("the problem's reference does not export arbiter_kernel");
  generate_ = reinterpret_cast<arbiter_generate_fn>(::dlsym(handle_, "arbiter_generate"));
}

Reference::~Reference() {
  if (handle_) ::dlclose(handle_);
}

}  // namespace arbiter::judge
