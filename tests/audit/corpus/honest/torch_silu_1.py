"""silu: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _time_it(fn, *args, reps=20):
    import time
    t0 = time.perf_counter()
    for _ in range(reps):
        fn(*args)
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) / reps

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
    a = data[0]
    with torch.no_grad():
        out = a * torch.sigmoid(a)
    return out
