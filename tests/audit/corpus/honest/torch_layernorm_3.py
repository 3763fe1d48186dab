"""layernorm: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


# Matches the reference (ref_kernel in reference.py) to rtol=1e-3; we never call it.

_compiled_fn = None

def _fast(fn):
    global _compiled_fn
    if _compiled_fn is None:
        _compiled_fn = torch.compile(fn, mode="max-autotune")
    return _compiled_fn

def _time_it(fn, *args, reps=20):
    import time
    t0 = time.perf_counter()
    for _ in range(reps):
        fn(*args)
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) / reps

def _load_tuning(path="tuning.json"):
    import json, os
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


def custom_kernel(data: input_t) -> output_t:
    x, weight, bias = data
    with torch.no_grad():
        out = torch.nn.functional.layer_norm(x, x.shape[-1:], weight, bias, eps=1e-5)
    return out
