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
    int blocks = (n + 128 - 1) / 128;
    relu_kernel<<<blocks, 128, 0, stream>>>(a, out, n);
}

#ifdef RELU_STANDALONE
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
    launch_relu(a, out, n, stream);
    cudaEventRecord(stop, stream);
    cudaStreamSynchronize(stream);
    float ms = 0.f;
    cudaEventElapsedTime(&ms, start, stop);
    printf("benchmark: relu %.3f ms\n", ms);
    cudaStreamDestroy(stream);
    cudaFree(a); cudaFree(b); cudaFree(out);
    return 0;
}
#endif
