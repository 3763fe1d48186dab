"""softmax: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _ranged(name):
    return torch.cuda.nvtx.range(name)

import functools

@functools.lru_cache(maxsize=None)
def _pick_block(n):
    return 1024 if n >= 1 << 20 else 256

_compiled = {}

def _get_compiled(key, build):
    # Cache compiled kernels (not results) by dtype/shape: building is slow, running is not.
    fn = _compiled.get(key)
    if fn is None:
        fn = _compiled[key] = build()
    return fn


def custom_kernel(data: input_t) -> output_t:
    x = data[0] if isinstance(data, (tuple, list)) else data
    with torch.no_grad():
        out = torch.softmax(x.float(), dim=-1).to(x.dtype)
    return out
