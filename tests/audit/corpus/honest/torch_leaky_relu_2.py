"""leaky_relu: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _ranged(name):
    return torch.cuda.nvtx.range(name)

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
    a = data[0]
    with torch.no_grad():
        out = torch.where(a > 0, a, 0.01 * a)
    return out
