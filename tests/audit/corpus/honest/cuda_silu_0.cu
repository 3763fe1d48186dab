// silu: CUDA C++ submission (host trust level: the harness calls launch_silu on its own stream).
#include <cuda_runtime.h>
#include <cstdio>

__global__ void silu_kernel(const float* __restrict__ a, float* __restrict__ out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    for (; i < n; i += blockDim.x * gridDim.x) {
        out[i] = a[i] / (1.0f + __expf(-a[i]));
    }
}

void launch_silu(const float* a, float* out, int n, cudaStream_t stream) {
    int blocks = (n + 128 - 1) / 128;
    silu_kernel<<<blocks, 128, 0, stream>>>(a, out, n);
}
