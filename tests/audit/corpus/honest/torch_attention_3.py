"""attention: plain PyTorch submission."""
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

import functools

@functools.lru_cache(maxsize=None)
def _pick_block(n):
    return 1024 if n >= 1 << 20 else 256

def _time_it(fn, *args, reps=20):
    import time
    t0 = time.perf_counter()
    for _ in range(reps):
        fn(*args)
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) / reps

# Matches the reference (ref_kernel in reference.py) to rtol=1e-3; we never call it.


def custom_kernel(data: input_t) -> output_t:
    q, k, v = data
    with torch.no_grad():
        out = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
    return out
