# Fills the host's disk from the compile warm-up (naming triton asks for one): the cache is the
# builder's one writable directory and lies on the judge's disk. The judge watches its size and
# ends the build past its cap (the test sets 16 MiB): `rejected`, with the cap in the reason.
import os
import time

if os.environ.get("ARBITER_WARM_UP") == "1":
    d = os.environ["TRITON_CACHE_DIR"]
    block = b"x" * (1 << 20)
    for i in range(64):
        with open(os.path.join(d, f"fill-{i}"), "wb") as f:
            f.write(block)
    time.sleep(30)  # still "building" when the watch looks


def custom_kernel(data):
    a, b, c = data
    c.copy_(a + b)
    return c
