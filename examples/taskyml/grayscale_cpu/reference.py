# RGB → grayscale (Y = 0.2989 R + 0.5870 G + 0.1140 B) over an (H, W, 3) float32 image, written to
# an (H, W) float32 output buffer that generate_input provides, as reference-kernels' grayscale.
import torch

from utils import make_generator, match_reference

WEIGHTS = torch.tensor([0.2989, 0.5870, 0.1140], dtype=torch.float32)


def generate_input(size: int, seed: int):
    gen = make_generator(seed)
    x = torch.rand(size, size, 3, generator=gen, dtype=torch.float32)
    y = torch.empty(size, size, dtype=torch.float32)
    return x, y


def ref_kernel(data):
    x, y = data
    torch.sum(x * WEIGHTS, dim=-1, out=y)
    return y


def check_implementation(data, output):
    return match_reference(data, output, ref_kernel, rtol=1e-5, atol=1e-5)
