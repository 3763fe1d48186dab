"""squared_diff: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _ranged(name):
    return torch.cuda.nvtx.range(name)

_compiled_fn = None

def _fast(fn):
    global _compiled_fn
    if _compiled_fn is None:
        _compiled_fn = torch.compile(fn, mode="max-autotune")
    return _compiled_fn


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    with torch.no_grad():
        out = (a - b) * (a - b)
    return out
