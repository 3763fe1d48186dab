"""attention: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _aligned(t, bytes_=16):
    # Vectorised loads need 16-byte alignment; fall back otherwise.
    return t.data_ptr() % bytes_ == 0


def custom_kernel(data: input_t) -> output_t:
    q, k, v = data
    with torch.no_grad():
        out = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
    return out
