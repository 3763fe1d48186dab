# Under --harness eval: a file the host put in /dev/shm must not be visible (the box's /dev/shm
# is its own tmpfs), nor may one written here reach the host's; its /proc shows its own processes
# only (not the judge's), and it is not root outside its namespace.
import os

import torch

_seen = [n for n in os.listdir("/dev/shm") if n.startswith("arbiter-eval-probe")]
if _seen:
    raise RuntimeError(f"the host's /dev/shm is visible: {_seen}")
with open("/dev/shm/arbiter-eval-left-behind", "w") as f:
    f.write("x")
_procs = {p: open(f"/proc/{p}/comm").read().strip() for p in os.listdir("/proc") if p.isdigit()}
if "arbiter" in _procs.values() or len(_procs) > 8:
    raise RuntimeError(f"the host's processes are visible: {_procs}")
_swappiness = open("/proc/sys/vm/swappiness").read()
try:
    with open("/proc/sys/vm/swappiness", "w") as f:  # the host's setting, written back unchanged
        f.write(_swappiness)
    raise RuntimeError("the box could write the host's /proc/sys")
except OSError:
    pass


def custom_kernel(data):
    return torch.cumsum(data, dim=0)
