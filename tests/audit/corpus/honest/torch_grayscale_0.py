"""grayscale: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


_compiled_fn = None

def _fast(fn):
    global _compiled_fn
    if _compiled_fn is None:
        _compiled_fn = torch.compile(fn, mode="max-autotune")
    return _compiled_fn


def custom_kernel(data: input_t) -> output_t:
    x = data[0] if isinstance(data, (tuple, list)) else data
    with torch.no_grad():
        out = 0.2989 * x[..., 0] + 0.5870 * x[..., 1] + 0.1140 * x[..., 2]
    return out
