# C = A + B over float32 matrices on the CPU. generate_input returns (A, B, C) with C an empty
# output buffer, as reference-kernels' vectoradd does on the GPU.
import torch

from task import input_t, output_t
from utils import make_generator, match_reference


def generate_input(size: int, seed: int) -> input_t:
    gen = make_generator(seed)
    a = torch.randn(size, size, generator=gen, dtype=torch.float32)
    b = torch.randn(size, size, generator=gen, dtype=torch.float32)
    c = torch.empty(size, size, dtype=torch.float32)
    return a, b, c


def ref_kernel(data: input_t) -> output_t:
    a, b, c = data
    torch.add(a, b, out=c)
    return c


def check_implementation(data: input_t, output: output_t):
    return match_reference(data, output, ref_kernel, rtol=1e-6, atol=1e-6)
