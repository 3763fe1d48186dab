// Red team: pass-fd-to-judge (forge). See README.md.
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
#include <sys/socket.h>
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  char data[16] = {0x41, 0x52, 0x42, 0x57, 1, 0, 4, 0};
  iovec iov{data, sizeof data};
  char ctl[CMSG_SPACE(sizeof(int))] = {};
  msghdr m{};
  m.msg_iov = &iov; m.msg_iovlen = 1; m.msg_control = ctl; m.msg_controllen = sizeof ctl;
  cmsghdr* c = CMSG_FIRSTHDR(&m);
  c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS; c->cmsg_len = CMSG_LEN(sizeof(int));
  int fd = 0;
  std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
  sendmsg(3, &m, 0);
  add(a, 0, numel(a));
  return 0;
}
