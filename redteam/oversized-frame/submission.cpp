// Red team: oversized-frame (forge). See README.md.
#include <arbiter/kernel.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

// The honest computation, used when the exploit "won" (so a pass means the judge lost).
static void add(const arbiter_args* a, int64_t from, int64_t to) {
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  for (int64_t i = from; i < to; ++i) z[i] = x[i] + y[i];
}
static int64_t numel(const arbiter_args* a) { return arbiter_numel(&a->inputs[0]); }
// A wire frame by hand: u32 "ARBW" | u16 version 1 | u16 type | u32 length | u32 0 | payload.
static void send_frame(uint16_t type, const void* payload, uint32_t len) {
  unsigned char buf[256];
  uint32_t magic = 0x57425241, reserved = 0;
  uint16_t version = 1;
  std::memcpy(buf, &magic, 4); std::memcpy(buf + 4, &version, 2); std::memcpy(buf + 6, &type, 2);
  std::memcpy(buf + 8, &len, 4); std::memcpy(buf + 12, &reserved, 4);
  if (len) std::memcpy(buf + 16, payload, len);
  (void)!write(3, buf, 16 + len);  // fd 3: the channel the harness inherited
}
static int64_t raw_now() { timespec ts; clock_gettime(CLOCK_MONOTONIC_RAW, &ts); return ts.tv_sec * 1000000000LL + ts.tv_nsec; }
static void send_done(uint64_t iteration, int64_t start, int64_t end) {
  unsigned char p[28]; int32_t rc = 0;
  std::memcpy(p, &iteration, 8); std::memcpy(p + 8, &rc, 4); std::memcpy(p + 12, &start, 8); std::memcpy(p + 20, &end, 8);
  send_frame(4, p, sizeof p);
}

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  unsigned char h[16] = {0x41, 0x52, 0x42, 0x57, 1, 0, 4, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0};
  (void)!write(3, h, sizeof h);
  add(a, 0, numel(a));
  return 0;
}
