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
    int blocks = (n + 128 - 1) / 128;
    squared_diff_kernel<<<blocks, 128, 0, stream>>>(a, b, out, n);
}

__global__ void squared_diff_kernel_vec4(const float4* __restrict__ a, float4* __restrict__ out, int n4) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n4) {
        float4 v = a[i];
        out[i] = v;  // copy stage of a two-pass implementation
    }
}
