# Under --harness eval: a file the host put in /dev/shm must not be visible (the box's /dev/shm
# is its own tmpfs), nor may one written here reach the host's.
import os

import torch

_seen = [n for n in os.listdir("/dev/shm") if n.startswith("arbiter-eval-probe")]
if _seen:
    raise RuntimeError(f"the host's /dev/shm is visible: {_seen}")
with open("/dev/shm/arbiter-eval-left-behind", "w") as f:
    f.write("x")


def custom_kernel(data):
    return torch.cumsum(data, dim=0)
