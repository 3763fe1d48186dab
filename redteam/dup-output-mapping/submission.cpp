// Red team: dup-output-mapping (timing). See README.md.
#include <arbiter/kernel.h>

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <thread>

// The honest computation, used when the exploit "won" (so a pass means the judge lost).
static void add(const float* x, const float* y, float* z, int64_t from, int64_t to) {
  for (int64_t i = from; i < to; ++i) z[i] = x[i] + y[i];
}

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const int64_t n = arbiter_numel(&a->inputs[0]);
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  // A second view of the same shared pages (mremap with old_size 0 duplicates a shared
  // mapping): it survives the harness unmapping the outputs after the call.
  const uintptr_t page = 4096, base = reinterpret_cast<uintptr_t>(z) & ~(page - 1);
  const size_t len = (reinterpret_cast<uintptr_t>(z + n) - base + page - 1) & ~(page - 1);
  void* dup = mremap(reinterpret_cast<void*>(base), 0, len, MREMAP_MAYMOVE);
  if (dup == MAP_FAILED) return 0;  // refused: the output stays poisoned (wrong_answer)
  float* z2 = reinterpret_cast<float*>(static_cast<char*>(dup) + (reinterpret_cast<uintptr_t>(z) - base));
  add(x, y, z, 0, n / 2);
  // The second half lands through the duplicate after the call; the duplicate is dropped at
  // once, hoping to beat the judge's seal at the reply.
  std::thread([=] {
    add(x, y, z2, n / 2, n);
    munmap(dup, len);
  }).detach();
  return 0;
}
