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
    int blocks = (n + 128 - 1) / 128;
    vector_add_kernel<<<blocks, 128, 0, stream>>>(a, b, out, n);
}
