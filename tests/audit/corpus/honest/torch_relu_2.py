"""relu: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _ranged(name):
    return torch.cuda.nvtx.range(name)

_compiled = {}

def _get_compiled(key, build):
    # Cache compiled kernels (not results) by dtype/shape: building is slow, running is not.
    fn = _compiled.get(key)
    if fn is None:
        fn = _compiled[key] = build()
    return fn

_TUNED = {(4096, 4096): (128, 64), (8192, 8192): (256, 64)}

def _tile_for(m, n):
    # Tile sizes tuned offline per shape; unknown shapes use a safe default.
    return _TUNED.get((m, n), (64, 64))


def custom_kernel(data: input_t) -> output_t:
    a = data[0]
    with torch.no_grad():
        out = torch.relu(a)
    return out
