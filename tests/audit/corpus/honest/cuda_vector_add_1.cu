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
    int blocks = (n + 1024 - 1) / 1024;
    vector_add_kernel<<<blocks, 1024, 0, stream>>>(a, b, out, n);
}

#ifdef VECTOR_ADD_STANDALONE
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
    launch_vector_add(a, b, out, n, stream);
    cudaEventRecord(stop, stream);
    cudaStreamSynchronize(stream);
    float ms = 0.f;
    cudaEventElapsedTime(&ms, start, stop);
    printf("benchmark: vector_add %.3f ms\n", ms);
    cudaStreamDestroy(stream);
    cudaFree(a); cudaFree(b); cudaFree(out);
    return 0;
}
#endif
