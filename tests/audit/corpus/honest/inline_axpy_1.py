"""axpy: CUDA via torch.utils.cpp_extension.load_inline."""
import torch
from torch.utils.cpp_extension import load_inline
from task import input_t, output_t

cuda_src = r"""
#include <torch/extension.h>
#include <ATen/cuda/CUDAContext.h>

__global__ void axpy_kernel(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = 2.5f * a[i] + b[i];
}

torch::Tensor axpy_cuda(torch::Tensor a, torch::Tensor b) {
    auto out = torch::empty_like(a);
    int n = a.numel();
    int threads = 128;
    int blocks = (n + threads - 1) / threads;
    auto stream = at::cuda::getCurrentCUDAStream();
    axpy_kernel<<<blocks, threads, 0, stream>>>(a.data_ptr<float>(), b.data_ptr<float>(), out.data_ptr<float>(), n);
    return out;
}
"""

cpp_src = "torch::Tensor axpy_cuda(torch::Tensor a, torch::Tensor b);"

_module = None


def _ext():
    # Compile once per process and keep the module: caching the build, not the results.
    global _module
    if _module is None:
        _module = load_inline(
            name="axpy_ext",
            cpp_sources=cpp_src,
            cuda_sources=cuda_src,
            functions=["axpy_cuda"],
            extra_cuda_cflags=["-O3", "--use_fast_math"],
            verbose=False,
        )
    return _module


_TUNED = {(4096, 4096): (128, 64), (8192, 8192): (256, 64)}

def _tile_for(m, n):
    # Tile sizes tuned offline per shape; unknown shapes use a safe default.
    return _TUNED.get((m, n), (64, 64))

def _dtype(name="float16"):
    return getattr(torch, name)


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    return _ext().axpy_cuda(a.contiguous(), b.contiguous())
