// Never returns.
#include <arbiter/kernel.h>
ARBITER_KERNEL int arbiter_kernel(const arbiter_args*) {
  for (volatile int i = 0;; i = i + 1) {
  }
  return 0;
}
