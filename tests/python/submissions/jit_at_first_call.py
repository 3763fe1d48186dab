# Compiles at its first call on each shape, as Triton's JIT does (naming triton here asks for the
# compile warm-up): it asks a tool for its version (a process, as `ptxas --version` is; the timed
# contestant gets the warm-up's recorded answer) and keeps one "kernel" per shape in the cache,
# which only the warm-up may write. The timed run passes only if the warm-up called every shape.
import os
import subprocess

import torch

_CACHE = os.environ["TRITON_CACHE_DIR"]


def custom_kernel(data):
    a, b, c = data
    version = subprocess.check_output(["uname", "-s"], text=True).strip()
    path = os.path.join(_CACHE, f"kernel-{version}-{a.numel()}")
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write("built")
    torch.add(a, b, out=c)
    return c
