// Times one CUDA submission's arbiter_kernel outside Arbiter, the way Arbiter's harness does it
// (start event, call, end event on the legacy stream, L2 flushed before every call), so that the
// same binary run under Nsight Compute gives the kernel's own duration to compare with.
// Usage: kernel_timer SUBMISSION.so N [M K] [iterations]
//   vectoradd-like: two inputs of N floats, one output; matmul-like (M K given): A MxK, B KxN.
#include <cuda_runtime.h>
#include <dlfcn.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "arbiter/kernel.h"

#define CHECK(x) do { cudaError_t e_ = (x); if (e_ != cudaSuccess) { std::fprintf(stderr, "%s: %s\n", #x, cudaGetErrorString(e_)); std::exit(1); } } while (0)

int main(int argc, char** argv) {
  if (argc < 3) { std::fprintf(stderr, "usage: %s SUBMISSION.so N [M K] [iterations]\n", argv[0]); return 2; }
  void* h = dlopen(argv[1], RTLD_NOW);
  if (!h) { std::fprintf(stderr, "%s\n", dlerror()); return 1; }
  auto fn = reinterpret_cast<arbiter_kernel_fn>(dlsym(h, "arbiter_kernel"));
  const bool matmul = argc >= 5;
  const int64_t n = std::atoll(argv[2]), m = matmul ? std::atoll(argv[3]) : 0, k = matmul ? std::atoll(argv[4]) : 0;
  const int iters = argc >= 6 ? std::atoi(argv[5]) : (argc == 4 ? std::atoi(argv[3]) : 100);
  std::vector<std::vector<int64_t>> in_shapes = matmul ? std::vector<std::vector<int64_t>>{{m, k}, {k, n}}
                                                       : std::vector<std::vector<int64_t>>{{n}, {n}};
  std::vector<int64_t> out_shape = matmul ? std::vector<int64_t>{m, n} : std::vector<int64_t>{n};
  std::mt19937 rng(1);
  std::normal_distribution<float> dist;
  std::vector<arbiter_tensor> ins, outs;
  const char* names[] = {"a", "b"};
  for (std::size_t i = 0; i < in_shapes.size(); ++i) {
    int64_t cnt = 1;
    for (auto d : in_shapes[i]) cnt *= d;
    std::vector<float> host(cnt);
    for (auto& v : host) v = dist(rng);
    void* p = nullptr;
    CHECK(cudaMalloc(&p, cnt * 4));
    CHECK(cudaMemcpy(p, host.data(), cnt * 4, cudaMemcpyHostToDevice));
    arbiter_tensor t{};
    t.data = p; t.dtype = ARBITER_F32; t.ndim = static_cast<int32_t>(in_shapes[i].size()); t.name = names[i];
    for (std::size_t d = 0; d < in_shapes[i].size(); ++d) t.shape[d] = in_shapes[i][d];
    ins.push_back(t);
  }
  int64_t ocnt = 1;
  for (auto d : out_shape) ocnt *= d;
  void* op = nullptr;
  CHECK(cudaMalloc(&op, ocnt * 4));
  arbiter_tensor o{};
  o.data = op; o.dtype = ARBITER_F32; o.ndim = static_cast<int32_t>(out_shape.size()); o.name = "c";
  for (std::size_t d = 0; d < out_shape.size(); ++d) o.shape[d] = out_shape[d];
  outs.push_back(o);
  arbiter_param params[] = {{"n", n}, {"m", m}, {"k", k}};
  arbiter_args args{ins.data(), ins.size(), outs.data(), outs.size(), params, matmul ? 3u : 1u};
  int l2 = 0;
  CHECK(cudaDeviceGetAttribute(&l2, cudaDevAttrL2CacheSize, 0));
  void* flush = nullptr;
  CHECK(cudaMalloc(&flush, 2 * static_cast<size_t>(l2)));
  cudaEvent_t e0, e1;
  CHECK(cudaEventCreate(&e0));
  CHECK(cudaEventCreate(&e1));
  std::vector<float> ms;
  for (int i = 0; i < iters + 5; ++i) {
    CHECK(cudaMemset(flush, i, 2 * static_cast<size_t>(l2)));
    CHECK(cudaDeviceSynchronize());
    CHECK(cudaEventRecord(e0, cudaStreamLegacy));
    if (fn(&args) != 0) { std::fprintf(stderr, "kernel returned an error\n"); return 1; }
    CHECK(cudaEventRecord(e1, cudaStreamLegacy));
    CHECK(cudaDeviceSynchronize());
    float t = 0;
    CHECK(cudaEventElapsedTime(&t, e0, e1));
    if (i >= 5) ms.push_back(t);
  }
  std::sort(ms.begin(), ms.end());
  double mean = 0;
  for (float v : ms) mean += v;
  mean /= ms.size();
  std::printf("events: median %.0f ns, mean %.0f ns, min %.0f ns over %zu calls\n", ms[ms.size() / 2] * 1e6,
              mean * 1e6, ms[0] * 1e6, ms.size());
  return 0;
}
