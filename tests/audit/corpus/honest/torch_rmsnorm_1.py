"""rmsnorm: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


_copy_stream = None

def _prefetch(t):
    # Copies on a side stream overlap with compute; the current stream waits before using the result.
    global _copy_stream
    if _copy_stream is None:
        _copy_stream = torch.cuda.Stream()
    with torch.cuda.stream(_copy_stream):
        y = t.to("cuda", non_blocking=True)
    torch.cuda.current_stream().wait_stream(_copy_stream)
    y.record_stream(torch.cuda.current_stream())
    return y

_compiled_fn = None

def _fast(fn):
    global _compiled_fn
    if _compiled_fn is None:
        _compiled_fn = torch.compile(fn, mode="max-autotune")
    return _compiled_fn


def custom_kernel(data: input_t) -> output_t:
    x, weight = data
    with torch.no_grad():
        out = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * weight
    return out
