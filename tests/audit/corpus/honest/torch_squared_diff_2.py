"""squared_diff: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


import functools

@functools.lru_cache(maxsize=None)
def _pick_block(n):
    return 1024 if n >= 1 << 20 else 256

_TUNED = {(4096, 4096): (128, 64), (8192, 8192): (256, 64)}

def _tile_for(m, n):
    # Tile sizes tuned offline per shape; unknown shapes use a safe default.
    return _TUNED.get((m, n), (64, 64))

def _load_tuning(path="tuning.json"):
    import json, os
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    with torch.no_grad():
        out = (a - b) * (a - b)
    return out
