"""prefix_sum: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


if __name__ == "__main__":
    # Local profiling with CUDA events; the harness does its own timing.
    import torch
    start = torch.cuda.Event(enable_timing=True)
    end = torch.cuda.Event(enable_timing=True)
    start.record()
    for _ in range(10):
        pass
    end.record()
    torch.cuda.synchronize()
    print("benchmark:", start.elapsed_time(end) / 10, "ms")

# Matches the reference (ref_kernel in reference.py) to rtol=1e-3; we never call it.

import functools

@functools.lru_cache(maxsize=None)
def _pick_block(n):
    return 1024 if n >= 1 << 20 else 256


def custom_kernel(data: input_t) -> output_t:
    x = data[0] if isinstance(data, (tuple, list)) else data
    with torch.no_grad():
        out = torch.cumsum(x, dim=0)
    return out
