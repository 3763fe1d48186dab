// Floods the channel with garbage.
#include <arbiter/kernel.h>
#include <unistd.h>
static char junk[1 << 20];
ARBITER_KERNEL int arbiter_kernel(const arbiter_args*) {
  for (auto& c : junk) c = 'A';
  (void)!write(3, junk, sizeof junk);
  return 0;
}
