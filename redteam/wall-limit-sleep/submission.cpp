// Red team: wall-limit-sleep (escape). See README.md.
#include <arbiter/kernel.h>

#include <unistd.h>

// Never returns and burns no CPU: only the per-call wall-clock limit (limits.call_s) can end it.
ARBITER_KERNEL int arbiter_kernel(const arbiter_args*) {
  for (;;) sleep(1000);
  return 0;
}
