// leaky_relu: CUDA C++ submission (host trust level: the harness calls launch_leaky_relu on its own stream).
#include <cuda_runtime.h>
#include <cstdio>

__global__ void leaky_relu_kernel(const float* __restrict__ a, float* __restrict__ out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    for (; i < n; i += blockDim.x * gridDim.x) {
        out[i] = a[i] > 0.f ? a[i] : 0.01f * a[i];
    }
}

void launch_leaky_relu(const float* a, float* out, int n, cudaStream_t stream) {
    int blocks = (n + 512 - 1) / 512;
    leaky_relu_kernel<<<blocks, 512, 0, stream>>>(a, out, n);
}

__global__ void leaky_relu_kernel_vec4(const float4* __restrict__ a, float4* __restrict__ out, int n4) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n4) {
        float4 v = a[i];
        out[i] = v;  // copy stage of a two-pass implementation
    }
}
