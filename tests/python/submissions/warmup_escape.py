# Runs its probes in the compile warm-up (this comment names load_inline, which triggers one;
# that process has no seccomp, so the probes reveal what its box allows). Each escape that works
# raises, which ends as compile_error; a boxed warm-up leaves an honest kernel that passes.
import os
import socket

import torch


def _in_warm_up():
    return os.environ.get("TMPDIR", "").endswith("/cache/tmp")  # the timed contestant's is /tmp


def _escaped(what, attempt):
    try:
        attempt()
    except OSError:
        return
    raise RuntimeError(f"warm-up escape worked: {what}")


if _in_warm_up():
    here = os.path.dirname(os.path.abspath(__file__))
    _escaped("read the oracle's reference.py", lambda: open(os.path.join(here, "..", "oracle", "reference.py")).read())
    _escaped("write outside the cache", lambda: open(os.path.join(here, "planted.py"), "w").write("x"))
    _escaped("write /tmp", lambda: open("/tmp/arbiter-warmup-escape", "w").write("x"))
    _escaped("reach the network", lambda: socket.create_connection(("1.1.1.1", 53), timeout=2).close())


def custom_kernel(data):
    a, b, c = data
    torch.add(a, b, out=c)
    return c
