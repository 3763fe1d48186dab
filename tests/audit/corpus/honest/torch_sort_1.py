"""sort: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


_compiled_fn = None

def _fast(fn):
    global _compiled_fn
    if _compiled_fn is None:
        _compiled_fn = torch.compile(fn, mode="max-autotune")
    return _compiled_fn

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
    x = data[0] if isinstance(data, (tuple, list)) else data
    with torch.no_grad():
        out = torch.sort(x).values
    return out
