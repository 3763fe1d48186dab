// Red team: write-outside-tmp (escape). See README.md.
#include <arbiter/kernel.h>

#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <string>

// The honest computation, used when the exploit "won" (so a pass means the judge lost).
static void add(const arbiter_args* a) {
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  for (int64_t i = 0, n = arbiter_numel(&a->inputs[0]); i < n; ++i) z[i] = x[i] + y[i];
}

// /tmp is writable now (a private tmpfs): every other place must still refuse a write-open,
// whatever the flags. A win is any of them opening.
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  Dl_info info{};
  dladdr(reinterpret_cast<void*>(&arbiter_kernel), &info);  // the submission's own .so
  const std::string so = info.dli_fname ? info.dli_fname : "/nonexistent";
  const std::string dir = so.substr(0, so.rfind('/'));
  const std::string paths[] = {so, dir + "/planted.so", "/proc/self/mem", "/proc/1/mem", "/proc/self/exe",
                               "/dev/null", "/dev/zero", "/dev/urandom", "/dev/shm/x", "/usr/lib/planted",
                               "/etc/ld.so.cache", "/planted", "/proc/sys/kernel/core_pattern",
                               "/sys/devices/system/cpu/online"};
  const int modes[] = {O_WRONLY, O_RDWR, O_WRONLY | O_CREAT | O_TRUNC, O_RDWR | O_APPEND};
  for (const auto& p : paths)
    for (int m : modes) {
      int fd = open(p.c_str(), m | O_CLOEXEC, 0644);
      if (fd >= 0) {
        add(a);  // the escape worked: earn a pass
        return 0;
      }
    }
  return 0;  // refused everywhere: leave the output poisoned
}
