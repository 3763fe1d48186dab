"""squared_diff: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _ranged(name):
    return torch.cuda.nvtx.range(name)


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    with torch.no_grad():
        out = (a - b) * (a - b)
    return out
