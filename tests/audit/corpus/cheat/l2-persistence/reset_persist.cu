#include <cuda_runtime.h>
void after() { cudaCtxResetPersistingL2Cache(); }
