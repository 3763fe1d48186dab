"""gelu_tanh: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _aligned(t, bytes_=16):
    # Vectorised loads need 16-byte alignment; fall back otherwise.
    return t.data_ptr() % bytes_ == 0

# Matches the reference (ref_kernel in reference.py) to rtol=1e-3; we never call it.

_compiled_fn = None

def _fast(fn):
    global _compiled_fn
    if _compiled_fn is None:
        _compiled_fn = torch.compile(fn, mode="max-autotune")
    return _compiled_fn


def custom_kernel(data: input_t) -> output_t:
    a = data[0]
    with torch.no_grad():
        out = torch.nn.functional.gelu(a, approximate='tanh')
    return out
