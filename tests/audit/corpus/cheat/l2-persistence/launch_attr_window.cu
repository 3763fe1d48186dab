#include <cuda_runtime.h>
void cfg(cudaLaunchAttribute* a, void* p, size_t n) {
    a->id = cudaLaunchAttributeAccessPolicyWindow;
    a->val.accessPolicyWindow.base_ptr = p;
    a->val.accessPolicyWindow.num_bytes = n;
}
