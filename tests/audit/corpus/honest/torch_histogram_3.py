"""histogram: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _aligned(t, bytes_=16):
    # Vectorised loads need 16-byte alignment; fall back otherwise.
    return t.data_ptr() % bytes_ == 0

def _dtype(name="float16"):
    return getattr(torch, name)

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

def _time_it(fn, *args, reps=20):
    import time
    t0 = time.perf_counter()
    for _ in range(reps):
        fn(*args)
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) / reps


def custom_kernel(data: input_t) -> output_t:
    x = data[0] if isinstance(data, (tuple, list)) else data
    with torch.no_grad():
        out = torch.bincount(x.flatten().long(), minlength=256)
    return out
