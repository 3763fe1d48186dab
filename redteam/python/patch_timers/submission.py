# Patches every Python-visible clock to claim each call took almost no time, then does the
# honest work. The timer is C++ code around the call, so the patch changes nothing; the run
# passes with its true time (the test checks that the reported mean is not the forged one).
import time

import torch

_fake = [0]


def _clock(*_a, **_k):
    _fake[0] += 1
    return _fake[0]


time.perf_counter = time.perf_counter_ns = time.time = time.monotonic = time.monotonic_ns = _clock
try:
    torch.cuda.Event.elapsed_time = lambda self, other: 1e-6
except Exception:
    pass


def custom_kernel(data):
    a, b, c = data
    torch.add(a, b, out=c)
    return c
