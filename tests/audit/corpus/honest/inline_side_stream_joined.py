"""load_inline kernel that overlaps two halves on a side stream and joins it back in C++."""
import torch
from torch.utils.cpp_extension import load_inline

src = r"""
#include <torch/extension.h>
#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDAStream.h>

__global__ void twice(float* x, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] *= 2.f;
}

torch::Tensor run(torch::Tensor x) {
    auto out = x.clone();
    int n = out.numel(), half = n / 2;
    auto main = at::cuda::getCurrentCUDAStream();
    auto side = at::cuda::getStreamFromPool();
    cudaEvent_t ready, done;
    cudaEventCreateWithFlags(&ready, cudaEventDisableTiming);
    cudaEventCreateWithFlags(&done, cudaEventDisableTiming);
    cudaEventRecord(ready, main);
    cudaStreamWaitEvent(side, ready, 0);
    twice<<<(half + 255) / 256, 256, 0, main>>>(out.data_ptr<float>(), half);
    twice<<<(n - half + 255) / 256, 256, 0, side>>>(out.data_ptr<float>() + half, n - half);
    cudaEventRecord(done, side);
    cudaStreamWaitEvent(main, done, 0);
    cudaEventDestroy(ready);
    cudaEventDestroy(done);
    return out;
}
"""

mod = load_inline("twice_ext", cpp_sources="torch::Tensor run(torch::Tensor x);", cuda_sources=src, functions=["run"])


def custom_kernel(data):
    return mod.run(data[0])
