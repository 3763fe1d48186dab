// Overlapped copy and compute on two streams, joined before returning.
#include <cuda_runtime.h>

__global__ void scale(float* x, float s, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] *= s;
}

void pipeline(float* dev, const float* host, int n, cudaStream_t main_stream) {
    cudaStream_t copy;
    cudaStreamCreateWithFlags(&copy, cudaStreamNonBlocking);
    cudaEvent_t copied;
    cudaEventCreateWithFlags(&copied, cudaEventDisableTiming);
    cudaMemcpyAsync(dev, host, n * sizeof(float), cudaMemcpyHostToDevice, copy);
    cudaEventRecord(copied, copy);
    cudaStreamWaitEvent(main_stream, copied, 0);
    scale<<<(n + 255) / 256, 256, 0, main_stream>>>(dev, 2.0f, n);
    cudaEventDestroy(copied);
    cudaStreamDestroy(copy);
}
