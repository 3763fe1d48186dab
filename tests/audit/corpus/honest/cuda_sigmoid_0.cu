// sigmoid: CUDA C++ submission (host trust level: the harness calls launch_sigmoid on its own stream).
#include <cuda_runtime.h>
#include <cstdio>

__global__ void sigmoid_kernel(const float* __restrict__ a, float* __restrict__ out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    for (; i < n; i += blockDim.x * gridDim.x) {
        out[i] = 1.0f / (1.0f + __expf(-a[i]));
    }
}

void launch_sigmoid(const float* a, float* out, int n, cudaStream_t stream) {
    int blocks = (n + 1024 - 1) / 1024;
    sigmoid_kernel<<<blocks, 1024, 0, stream>>>(a, out, n);
}
