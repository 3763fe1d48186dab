// gelu_tanh: CUDA C++ submission (host trust level: the harness calls launch_gelu_tanh on its own stream).
#include <cuda_runtime.h>
#include <cstdio>

__global__ void gelu_tanh_kernel(const float* __restrict__ a, float* __restrict__ out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    for (; i < n; i += blockDim.x * gridDim.x) {
        out[i] = 0.5f * a[i] * (1.f + tanhf(0.7978845608f * (a[i] + 0.044715f * a[i] * a[i] * a[i])));
    }
}

void launch_gelu_tanh(const float* a, float* out, int n, cudaStream_t stream) {
    int blocks = (n + 256 - 1) / 256;
    gelu_tanh_kernel<<<blocks, 256, 0, stream>>>(a, out, n);
}

__global__ void gelu_tanh_kernel_vec4(const float4* __restrict__ a, float4* __restrict__ out, int n4) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n4) {
        float4 v = a[i];
        out[i] = v;  // copy stage of a two-pass implementation
    }
}
