"""gelu_tanh: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


import functools

@functools.lru_cache(maxsize=None)
def _pick_block(n):
    return 1024 if n >= 1 << 20 else 256

def _time_it(fn, *args, reps=20):
    import time
    t0 = time.perf_counter()
    for _ in range(reps):
        fn(*args)
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) / reps


def custom_kernel(data: input_t) -> output_t:
    a = data[0]
    with torch.no_grad():
        out = torch.nn.functional.gelu(a, approximate='tanh')
    return out
