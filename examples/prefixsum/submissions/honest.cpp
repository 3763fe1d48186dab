// Honest scan: two-pass blocked scan over OpenMP threads (block sums, then offsets).
#include <arbiter/kernel.h>
#include <omp.h>

#include <vector>

ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const int32_t* x = static_cast<const int32_t*>(a->inputs[0].data);
  int64_t* y = static_cast<int64_t*>(a->outputs[0].data);
  const int64_t n = arbiter_numel(&a->inputs[0]);
  if (n < (1 << 16)) {
    int64_t s = 0;
    for (int64_t i = 0; i < n; ++i) y[i] = s += x[i];
    return 0;
  }
  const int t = omp_get_max_threads();
  std::vector<int64_t> sums(t + 1, 0);
#pragma omp parallel num_threads(t)
  {
    const int id = omp_get_thread_num(), nt = omp_get_num_threads();
    const int64_t lo = n * id / nt, hi = n * (id + 1) / nt;
    int64_t s = 0;
    for (int64_t i = lo; i < hi; ++i) y[i] = s += x[i];
    sums[id + 1] = s;
#pragma omp barrier
#pragma omp single
    for (int i = 1; i <= nt; ++i) sums[i] += sums[i - 1];
    const int64_t off = sums[id];
    for (int64_t i = lo; i < hi; ++i) y[i] += off;
  }
  return 0;
}
