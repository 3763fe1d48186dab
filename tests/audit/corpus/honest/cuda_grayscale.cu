// RGB to grayscale, one thread per pixel.
#include <cuda_runtime.h>

__global__ void grayscale(const float* __restrict__ rgb, float* __restrict__ gray, int pixels) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < pixels) {
        const float* p = rgb + 3 * i;
        gray[i] = 0.2989f * p[0] + 0.5870f * p[1] + 0.1140f * p[2];
    }
}

extern "C" void launch_grayscale(const float* rgb, float* gray, int pixels, cudaStream_t stream) {
    grayscale<<<(pixels + 255) / 256, 256, 0, stream>>>(rgb, gray, pixels);
}
