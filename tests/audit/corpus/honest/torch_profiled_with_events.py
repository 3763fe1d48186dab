"""A submission that times its own phases with CUDA events and prints them (honest profiling)."""
import torch

_events = [torch.cuda.Event(enable_timing=True) for _ in range(3)]
PROFILE = False


def custom_kernel(data):
    a, b = data
    if PROFILE:
        _events[0].record()
    c = torch.mm(a, b)
    if PROFILE:
        _events[1].record()
    c = torch.relu_(c)
    if PROFILE:
        _events[2].record()
        torch.cuda.synchronize()
        print("benchmark phase mm:", _events[0].elapsed_time(_events[1]), "ms; relu:", _events[1].elapsed_time(_events[2]), "ms")
    return c
