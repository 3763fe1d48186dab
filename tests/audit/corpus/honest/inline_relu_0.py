"""relu: CUDA via torch.utils.cpp_extension.load_inline."""
import torch
from torch.utils.cpp_extension import load_inline
from task import input_t, output_t

cuda_src = r"""
#include <torch/extension.h>
#include <ATen/cuda/CUDAContext.h>

__global__ void relu_kernel(const float* __restrict__ a, float* __restrict__ out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = fmaxf(a[i], 0.0f);
}

torch::Tensor relu_cuda(torch::Tensor a) {
    auto out = torch::empty_like(a);
    int n = a.numel();
    int threads = 256;
    int blocks = (n + threads - 1) / threads;
    auto stream = at::cuda::getCurrentCUDAStream();
    relu_kernel<<<blocks, threads, 0, stream>>>(a.data_ptr<float>(), out.data_ptr<float>(), n);
    return out;
}
"""

cpp_src = "torch::Tensor relu_cuda(torch::Tensor a);"

_module = None


def _ext():
    # Compile once per process and keep the module: caching the build, not the results.
    global _module
    if _module is None:
        _module = load_inline(
            name="relu_ext",
            cpp_sources=cpp_src,
            cuda_sources=cuda_src,
            functions=["relu_cuda"],
            extra_cuda_cflags=["-O3", "--use_fast_math"],
            verbose=False,
        )
    return _module


def _aligned(t, bytes_=16):
    # Vectorised loads need 16-byte alignment; fall back otherwise.
    return t.data_ptr() % bytes_ == 0


def custom_kernel(data: input_t) -> output_t:
    a = data[0]
    return _ext().relu_cuda(a.contiguous())
