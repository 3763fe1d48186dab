// squared_diff: CUDA C++ submission (host trust level: the harness calls launch_squared_diff on its own stream).
#include <cuda_runtime.h>
#include <cstdio>

__global__ void squared_diff_kernel(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    for (; i < n; i += blockDim.x * gridDim.x) {
        out[i] = (a[i] - b[i]) * (a[i] - b[i]);
    }
}

void launch_squared_diff(const float* a, const float* b, float* out, int n, cudaStream_t stream) {
    int blocks = (n + 256 - 1) / 256;
    squared_diff_kernel<<<blocks, 256, 0, stream>>>(a, b, out, n);
}
