"""mse: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


_compiled = {}

def _get_compiled(key, build):
    # Cache compiled kernels (not results) by dtype/shape: building is slow, running is not.
    fn = _compiled.get(key)
    if fn is None:
        fn = _compiled[key] = build()
    return fn


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    with torch.no_grad():
        out = ((a - b) ** 2).mean()
    return out
