"""rmsnorm: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _dtype(name="float16"):
    return getattr(torch, name)


def custom_kernel(data: input_t) -> output_t:
    x, weight = data
    with torch.no_grad():
        out = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * weight
    return out
