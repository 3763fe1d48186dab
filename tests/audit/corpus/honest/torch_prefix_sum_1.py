"""prefix_sum: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _aligned(t, bytes_=16):
    # Vectorised loads need 16-byte alignment; fall back otherwise.
    return t.data_ptr() % bytes_ == 0

import functools

@functools.lru_cache(maxsize=None)
def _pick_block(n):
    return 1024 if n >= 1 << 20 else 256


def custom_kernel(data: input_t) -> output_t:
    x = data[0] if isinstance(data, (tuple, list)) else data
    with torch.no_grad():
        out = torch.cumsum(x, dim=0)
    return out
