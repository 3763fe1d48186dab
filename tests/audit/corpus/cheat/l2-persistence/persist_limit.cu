#include <cuda_runtime.h>
void setup(size_t bytes) {
    cudaDeviceSetLimit(cudaLimitPersistingL2CacheSize, bytes);
}
