#include <cuda_runtime.h>
__global__ void add(const float* a, const float* b, float* o, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) o[i] = a[i] + b[i];
}
static cudaStream_t side;
void launch(const float* a, const float* b, float* o, int n) {
    if (!side) cudaStreamCreate(&side);
    add<<<(n + 255) / 256, 256, 0, side>>>(a, b, o, n);
}
