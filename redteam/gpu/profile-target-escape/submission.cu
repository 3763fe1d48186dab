// Red team: profile-target-escape (escape). See README.md.
#include <arbiter/kernel.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

__global__ void add(const float* a, const float* b, float* c, int64_t n) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}

// Everything a root process outside the contestant's box might reach. Each must fail; the first
// that works is returned (10 + its index), so the report's profile note names it.
static int escaped() {
  int k = 10;
  for (const char* p : {"/tmp/arbiter-home/keys/ed25519.sk", "/root/.config/arbiter/keys/ed25519.sk", "/etc/shadow",
                        "/etc/ssh/ssh_host_ed25519_key", "/dev/sda", "/dev/vda", "/dev/nvme0n1", "/dev/mem"}) {
    int fd = open(p, O_RDONLY);
    if (fd >= 0) { close(fd); return k; }
    ++k;
  }
  for (const char* p : {"/proc/sys/kernel/hostname", "/proc/sysrq-trigger", "/tmp/escaped-by-profile-target"}) {
    int fd = open(p, O_WRONLY | O_CREAT, 0644);
    if (fd >= 0) { close(fd); return k; }
    ++k;
  }
  int s = socket(AF_PACKET, SOCK_RAW, 0);
  if (s >= 0) { close(s); return k; }
  ++k;
  s = socket(AF_INET, SOCK_RAW, 6);
  if (s >= 0) { close(s); return k; }
  ++k;
  if (sethostname("pwned", 5) == 0) return k;
  ++k;
  if (kill(1, 0) == 0) return k;  // a signal to a process outside the domain
  return 0;
}

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* args) {
  // Only in the profile target (its HOME is its case folder): inside the judged contestant these
  // calls would trap and end the run before the profile target ever starts.
  const char* home = std::getenv("HOME");
  if (home && std::strstr(home, "/ncu-"))
    if (int which = escaped()) return which;
  const int64_t n = arbiter_numel(&args->inputs[0]);
  if (n == 0) return 0;
  add<<<static_cast<unsigned>((n + 255) / 256), 256>>>(static_cast<const float*>(args->inputs[0].data),
                                                     static_cast<const float*>(args->inputs[1].data),
                                                     static_cast<float*>(args->outputs[0].data), n);
  return cudaGetLastError() == cudaSuccess ? 0 : 1;
}
