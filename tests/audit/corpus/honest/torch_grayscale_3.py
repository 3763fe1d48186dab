"""grayscale: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


_TUNED = {(4096, 4096): (128, 64), (8192, 8192): (256, 64)}

def _tile_for(m, n):
    # Tile sizes tuned offline per shape; unknown shapes use a safe default.
    return _TUNED.get((m, n), (64, 64))

def _time_it(fn, *args, reps=20):
    import time
    t0 = time.perf_counter()
    for _ in range(reps):
        fn(*args)
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) / reps

def _aligned(t, bytes_=16):
    # Vectorised loads need 16-byte alignment; fall back otherwise.
    return t.data_ptr() % bytes_ == 0

def _ranged(name):
    return torch.cuda.nvtx.range(name)


def custom_kernel(data: input_t) -> output_t:
    x = data[0] if isinstance(data, (tuple, list)) else data
    with torch.no_grad():
        out = 0.2989 * x[..., 0] + 0.5870 * x[..., 1] + 0.1140 * x[..., 2]
    return out
