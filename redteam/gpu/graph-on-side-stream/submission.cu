// GPU red team: graph-on-side-stream (timing). See README.md.
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

static cudaStream_t side;
static cudaGraphExec_t exec;
static const void* captured_for;
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* x) {
  const int64_t n = numel(x);
  if (n == 0) return 0;
  if (!side) cudaStreamCreateWithFlags(&side, cudaStreamNonBlocking);
  if (captured_for != x->outputs[0].data) {
    cudaGraph_t g;
    cudaStreamBeginCapture(side, cudaStreamCaptureModeGlobal);
    for (int r = 0; r < 20; ++r) add<<<blocks(n), 256, 0, side>>>(A(x), B(x), C(x), n);
    cudaStreamEndCapture(side, &g);
    cudaGraphInstantiate(&exec, g, 0);
    captured_for = x->outputs[0].data;
  }
  cudaGraphLaunch(exec, side);
  return 0;
}
