"""sigmoid: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


# Matches the reference (ref_kernel in reference.py) to rtol=1e-3; we never call it.

_TUNED = {(4096, 4096): (128, 64), (8192, 8192): (256, 64)}

def _tile_for(m, n):
    # Tile sizes tuned offline per shape; unknown shapes use a safe default.
    return _TUNED.get((m, n), (64, 64))

import functools

@functools.lru_cache(maxsize=None)
def _pick_block(n):
    return 1024 if n >= 1 << 20 else 256


def custom_kernel(data: input_t) -> output_t:
    a = data[0]
    with torch.no_grad():
        out = torch.sigmoid(a)
    return out
