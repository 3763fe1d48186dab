#include "backend/cuda/driver.hpp"

#include <dlfcn.h>
#include <link.h>

#include <mutex>

#include "core/error.hpp"

namespace arbiter::backend::cuda {
namespace {

Driver load() {
  Driver d;
  void* h = ::dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!h) fail("this machine has no CUDA driver: {}", ::dlerror());
#define ARBITER_CUDA_LOAD(name)                                                                  \
  d.name = reinterpret_cast<decltype(&::name)>(::dlsym(h, ARBITER_CUDA_STR(name)));              \
  if (!d.name) fail("the CUDA driver lacks {} (driver too old?)", ARBITER_CUDA_STR(name));
  ARBITER_CUDA_FUNCTIONS(ARBITER_CUDA_LOAD)
#undef ARBITER_CUDA_LOAD
  if (link_map* lm = nullptr; ::dlinfo(h, RTLD_DI_LINKMAP, &lm) == 0 && lm && lm->l_name) d.library_path = lm->l_name;
  return d;
}

// The loaded table, for naming errors (set before cuInit, so its failure is named too).
const Driver* g_table = nullptr;

}  // namespace

const Driver& driver() {
  static std::once_flag once;
  static Driver d;
  static std::string error;
  std::call_once(once, [] {
    try {
      d = load();
      g_table = &d;
      check(d.cuInit(0), "cuInit");
    } catch (const std::exception& e) {
      error = e.what();
    }
  });
  if (!error.empty()) fail("{}", error);
  return d;
}

bool available(std::string* why) {
  try {
    int n = 0;
    check(driver().cuDeviceGetCount(&n), "cuDeviceGetCount");
    if (n == 0) fail("the CUDA driver sees no device");
    return true;
  } catch (const std::exception& e) {
    if (why) *why = e.what();
    return false;
  }
}

void check(CUresult rc, const char* what) {
  if (rc == CUDA_SUCCESS) return;
  const char* name = nullptr;
  const char* text = nullptr;
  if (g_table) {
    g_table->cuGetErrorName(rc, &name);
    g_table->cuGetErrorString(rc, &text);
  }
  fail("{} failed: {} ({}): {}", what, name ? name : "CUDA error", static_cast<int>(rc), text ? text : "");
}

}  // namespace arbiter::backend::cuda
