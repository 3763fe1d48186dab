// Dereferences a null pointer.
#include <arbiter/kernel.h>
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  volatile float* p = nullptr;
  *p = static_cast<float>(a->n_inputs);
  return 0;
}
