"""vector_add: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


# Matches the reference (ref_kernel in reference.py) to rtol=1e-3; we never call it.

import functools

@functools.lru_cache(maxsize=None)
def _pick_block(n):
    return 1024 if n >= 1 << 20 else 256


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    with torch.no_grad():
        out = a + b
    return out
