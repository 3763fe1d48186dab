"""vector_add: CUDA via torch.utils.cpp_extension.load_inline."""
import torch
from torch.utils.cpp_extension import load_inline
from task import input_t, output_t

cuda_src = r"""
#include <torch/extension.h>
#include <ATen/cuda/CUDAContext.h>

__global__ void vector_add_kernel(const float* __restrict__ a, const float* __restrict__ b, float* __restrict__ out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = a[i] + b[i];
}

torch::Tensor vector_add_cuda(torch::Tensor a, torch::Tensor b) {
    auto out = torch::empty_like(a);
    int n = a.numel();
    int threads = 512;
    int blocks = (n + threads - 1) / threads;
    auto stream = at::cuda::getCurrentCUDAStream();
    vector_add_kernel<<<blocks, threads, 0, stream>>>(a.data_ptr<float>(), b.data_ptr<float>(), out.data_ptr<float>(), n);
    return out;
}
"""

cpp_src = "torch::Tensor vector_add_cuda(torch::Tensor a, torch::Tensor b);"

_module = None


def _ext():
    # Compile once per process and keep the module: caching the build, not the results.
    global _module
    if _module is None:
        _module = load_inline(
            name="vector_add_ext",
            cpp_sources=cpp_src,
            cuda_sources=cuda_src,
            functions=["vector_add_cuda"],
            extra_cuda_cflags=["-O3"],
            verbose=False,
        )
    return _module


_copy_stream = None

def _prefetch(t):
    # Copies on a side stream overlap with compute; the current stream waits before using the result.
    global _copy_stream
    if _copy_stream is None:
        _copy_stream = torch.cuda.Stream()
    with torch.cuda.stream(_copy_stream):
        y = t.to("cuda", non_blocking=True)
    torch.cuda.current_stream().wait_stream(_copy_stream)
    y.record_stream(torch.cuda.current_stream())
    return y


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    return _ext().vector_add_cuda(a.contiguous(), b.contiguous())
