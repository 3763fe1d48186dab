// Tries to open the judge's signing key (path passed by the test via the default location).
#include <arbiter/kernel.h>
#include <fcntl.h>
#include <unistd.h>
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  int fd = open("/etc/shadow", O_RDONLY);
  if (fd < 0) fd = open("/etc/passwd", O_RDONLY);
  if (fd >= 0) return 77;  // "succeeded": would be a sandbox hole
  float* z = static_cast<float*>(a->outputs[0].data);
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  for (int64_t i = 0; i < arbiter_numel(&a->inputs[0]); ++i) z[i] = x[i] + y[i];
  return 0;
}
