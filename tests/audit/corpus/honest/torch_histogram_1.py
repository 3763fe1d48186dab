"""histogram: plain PyTorch submission."""
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

_compiled = {}

def _get_compiled(key, build):
    # Cache compiled kernels (not results) by dtype/shape: building is slow, running is not.
    fn = _compiled.get(key)
    if fn is None:
        fn = _compiled[key] = build()
    return fn


def custom_kernel(data: input_t) -> output_t:
    x = data[0] if isinstance(data, (tuple, list)) else data
    with torch.no_grad():
        out = torch.bincount(x.flatten().long(), minlength=256)
    return out
