// Missing a semicolon.
#include <arbiter/kernel.h>
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) { return 0 }
