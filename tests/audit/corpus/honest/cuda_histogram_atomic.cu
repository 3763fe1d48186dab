// 256-bin histogram with shared-memory privatisation.
#include <cuda_runtime.h>

__global__ void histogram256(const unsigned char* data, unsigned int* bins, int n) {
    __shared__ unsigned int local[256];
    for (int i = threadIdx.x; i < 256; i += blockDim.x) local[i] = 0;
    __syncthreads();
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
        atomicAdd(&local[data[i]], 1u);
    __syncthreads();
    for (int i = threadIdx.x; i < 256; i += blockDim.x) atomicAdd(&bins[i], local[i]);
}

void launch_histogram(const unsigned char* data, unsigned int* bins, int n, cudaStream_t stream) {
    cudaMemsetAsync(bins, 0, 256 * sizeof(unsigned int), stream);
    histogram256<<<132 * 4, 256, 0, stream>>>(data, bins, n);
}
