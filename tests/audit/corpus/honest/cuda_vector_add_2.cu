// vector_add: CUDA C++ submission (host trust level: the harness calls launch_vector_add on its own stream).
#include <cuda_runtime.h>
#include <cstdio>

__global__ void vector_add_kernel(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    for (; i < n; i += blockDim.x * gridDim.x) {
        out[i] = a[i] + b[i];
    }
}

void launch_vector_add(const float* a, const float* b, float* out, int n, cudaStream_t stream) {
    int blocks = (n + 256 - 1) / 256;
    vector_add_kernel<<<blocks, 256, 0, stream>>>(a, b, out, n);
}

__global__ void vector_add_kernel_vec4(const float4* __restrict__ a, float4* __restrict__ out, int n4) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n4) {
        float4 v = a[i];
        out[i] = v;  // copy stage of a two-pass implementation
    }
}
