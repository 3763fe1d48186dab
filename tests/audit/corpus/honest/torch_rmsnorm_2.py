"""rmsnorm: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


_TUNED = {(4096, 4096): (128, 64), (8192, 8192): (256, 64)}

def _tile_for(m, n):
    # Tile sizes tuned offline per shape; unknown shapes use a safe default.
    return _TUNED.get((m, n), (64, 64))

def _dtype(name="float16"):
    return getattr(torch, name)

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


def custom_kernel(data: input_t) -> output_t:
    x, weight = data
    with torch.no_grad():
        out = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * weight
    return out
