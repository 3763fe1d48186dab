// relu: CUDA C++ submission (host trust level: the harness calls launch_relu on its own stream).
#include <cuda_runtime.h>
#include <cstdio>

__global__ void relu_kernel(const float* __restrict__ a, float* __restrict__ out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    for (; i < n; i += blockDim.x * gridDim.x) {
        out[i] = fmaxf(a[i], 0.0f);
    }
}

void launch_relu(const float* a, float* out, int n, cudaStream_t stream) {
    int blocks = (n + 512 - 1) / 512;
    relu_kernel<<<blocks, 512, 0, stream>>>(a, out, n);
}
