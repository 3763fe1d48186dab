"""conv2d: plain PyTorch submission."""
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


def custom_kernel(data: input_t) -> output_t:
    x, w = data
    with torch.no_grad():
        out = torch.nn.functional.conv2d(x, w, padding=1)
    return out
