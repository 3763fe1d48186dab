// Control: honest-tmp-scratch. See README.md.
#include <arbiter/kernel.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <vector>

// Honest, but takes a detour through a scratch file in the private /tmp: must pass.
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const int64_t n = arbiter_numel(&a->inputs[0]);
  const auto bytes = static_cast<size_t>(n) * sizeof(float);
  int fd = open("/tmp/scratch.bin", O_CREAT | O_RDWR | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return 1;
  bool ok = write(fd, a->inputs[0].data, bytes) == static_cast<ssize_t>(bytes);
  std::vector<float> x(static_cast<size_t>(n));
  ok = ok && pread(fd, x.data(), bytes, 0) == static_cast<ssize_t>(bytes);
  close(fd);
  ok = ok && unlink("/tmp/scratch.bin") == 0;
  if (!ok) return 2;
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  for (int64_t i = 0; i < n; ++i) z[i] = x[static_cast<size_t>(i)] + y[i];
  return 0;
}
