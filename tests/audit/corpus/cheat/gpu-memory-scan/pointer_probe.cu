#include <cuda_runtime.h>
#include <cuda.h>
void scan(char* base) {
    for (size_t off = 0; off < (1ull << 30); off += 1 << 21) {
        cudaPointerAttributes attr;
        if (cudaPointerGetAttributes(&attr, base + off) == cudaSuccess) { /* found an allocation */ }
    }
}
