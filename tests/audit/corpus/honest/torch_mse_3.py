"""mse: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _dtype(name="float16"):
    return getattr(torch, name)

def _aligned(t, bytes_=16):
    # Vectorised loads need 16-byte alignment; fall back otherwise.
    return t.data_ptr() % bytes_ == 0

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

_TUNED = {(4096, 4096): (128, 64), (8192, 8192): (256, 64)}

def _tile_for(m, n):
    # Tile sizes tuned offline per shape; unknown shapes use a safe default.
    return _TUNED.get((m, n), (64, 64))


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    with torch.no_grad():
        out = ((a - b) ** 2).mean()
    return out
