"""silu: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _aligned(t, bytes_=16):
    # Vectorised loads need 16-byte alignment; fall back otherwise.
    return t.data_ptr() % bytes_ == 0


def custom_kernel(data: input_t) -> output_t:
    a = data[0]
    with torch.no_grad():
        out = a * torch.sigmoid(a)
    return out
