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

#ifdef GELU_TANH_STANDALONE
int main() {
    const int n = 1 << 20;
    float *a, *b, *out;
    cudaMalloc(&a, n * sizeof(float));
    cudaMalloc(&b, n * sizeof(float));
    cudaMalloc(&out, n * sizeof(float));
    cudaStream_t stream;
    cudaStreamCreate(&stream);
    cudaEvent_t start, stop;
    cudaEventCreate(&start);
    cudaEventCreate(&stop);
    cudaEventRecord(start, stream);
    launch_gelu_tanh(a, out, n, stream);
    cudaEventRecord(stop, stream);
    cudaStreamSynchronize(stream);
    float ms = 0.f;
    cudaEventElapsedTime(&ms, start, stop);
    printf("benchmark: gelu_tanh %.3f ms\n", ms);
    cudaStreamDestroy(stream);
    cudaFree(a); cudaFree(b); cudaFree(out);
    return 0;
}
#endif
