"""attention: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _load_tuning(path="tuning.json"):
    import json, os
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)

_compiled = {}

def _get_compiled(key, build):
    # Cache compiled kernels (not results) by dtype/shape: building is slow, running is not.
    fn = _compiled.get(key)
    if fn is None:
        fn = _compiled[key] = build()
    return fn

# Matches the reference (ref_kernel in reference.py) to rtol=1e-3; we never call it.


def custom_kernel(data: input_t) -> output_t:
    q, k, v = data
    with torch.no_grad():
        out = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
    return out
