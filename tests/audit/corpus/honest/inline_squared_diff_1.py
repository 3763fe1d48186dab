"""squared_diff: CUDA via torch.utils.cpp_extension.load_inline."""
import torch
from torch.utils.cpp_extension import load_inline
from task import input_t, output_t

cuda_src = r"""
#include <torch/extension.h>
#include <ATen/cuda/CUDAContext.h>

__global__ void squared_diff_kernel(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = (a[i] - b[i]) * (a[i] - b[i]);
}

torch::Tensor squared_diff_cuda(torch::Tensor a, torch::Tensor b) {
    auto out = torch::empty_like(a);
    int n = a.numel();
    int threads = 256;
    int blocks = (n + threads - 1) / threads;
    auto stream = at::cuda::getCurrentCUDAStream();
    squared_diff_kernel<<<blocks, threads, 0, stream>>>(a.data_ptr<float>(), b.data_ptr<float>(), out.data_ptr<float>(), n);
    return out;
}
"""

cpp_src = "torch::Tensor squared_diff_cuda(torch::Tensor a, torch::Tensor b);"

_module = None


def _ext():
    # Compile once per process and keep the module: caching the build, not the results.
    global _module
    if _module is None:
        _module = load_inline(
            name="squared_diff_ext",
            cpp_sources=cpp_src,
            cuda_sources=cuda_src,
            functions=["squared_diff_cuda"],
            extra_cuda_cflags=["-O3"],
            verbose=False,
        )
    return _module


def _dtype(name="float16"):
    return getattr(torch, name)

def _load_tuning(path="tuning.json"):
    import json, os
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    return _ext().squared_diff_cuda(a.contiguous(), b.contiguous())
