# Leaves a detached process behind in the compile warm-up (naming load_inline asks for one): a
# double fork with setsid, out of the builder's process group, that keeps rewriting a heartbeat
# in the cache. The timed contestant looks for the heartbeat moving: if anything of the warm-up
# outlived it, the result is wrong on purpose. The builder's pid namespace ends with it, so the
# honest result passes.
import os
import time

import torch

_HEARTBEAT = os.path.join(os.environ["TRITON_CACHE_DIR"], "heartbeat")


def _daemon():
    if os.fork():
        return
    os.setsid()
    if os.fork():
        os._exit(0)
    for _ in range(6000):
        with open(_HEARTBEAT, "w") as f:
            f.write(f"{time.monotonic():20.6f}")
        time.sleep(0.01)
    os._exit(0)


if os.environ.get("ARBITER_WARM_UP") == "1":
    _daemon()

_survived = None


def _daemon_survived():
    try:
        first = open(_HEARTBEAT).read()
        time.sleep(0.1)
        return open(_HEARTBEAT).read() != first
    except OSError:
        return False


def custom_kernel(data):
    global _survived
    if _survived is None:
        _survived = _daemon_survived()
    a, b, c = data
    torch.sub(a, b, out=c) if _survived else torch.add(a, b, out=c)
    return c
