// GPU red team: control blocking-stream (control). See README.md.
#include <arbiter/kernel.h>

__global__ void add(const float* a, const float* b, float* c, int64_t n) {
  int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}
static int64_t numel(const arbiter_args* x) { return arbiter_numel(&x->inputs[0]); }
static const float* A(const arbiter_args* x) { return static_cast<const float*>(x->inputs[0].data); }
static const float* B(const arbiter_args* x) { return static_cast<const float*>(x->inputs[1].data); }
static float* C(const arbiter_args* x) { return static_cast<float*>(x->outputs[0].data); }
static unsigned blocks(int64_t n) { return static_cast<unsigned>((n + 255) / 256); }

static cudaStream_t s;
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* x) {
  if (!s) cudaStreamCreate(&s);
  const int64_t n = numel(x);
  if (n > 0) add<<<blocks(n), 256, 0, s>>>(A(x), B(x), C(x), n);
  return 0;
}
