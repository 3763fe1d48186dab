# Builds at its first call, and a process that starts on a warm cache builds once more under
# another name, as torch.compile around a user Triton kernel does (measured on the H200; naming
# triton here asks for the compile warm-up). The warm-up repeats its pass in fresh processes
# until one builds nothing new; only then does the timed contestant find everything it needs.
import os

import torch

_CACHE = os.environ["TRITON_CACHE_DIR"]
_GENERATION = 1 if any(f.startswith("kernel-") for f in os.listdir(_CACHE)) else 0


def custom_kernel(data):
    a, b, c = data
    path = os.path.join(_CACHE, f"kernel-{_GENERATION}-{a.numel()}")
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write("built")
    torch.add(a, b, out=c)
    return c
