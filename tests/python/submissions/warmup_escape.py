# Runs its probes in the compile warm-up (this comment names load_inline, which triggers one;
# that process may start processes, so its seccomp filter is a deny-list and the rest of the box
# does the containing). Each escape that works raises, which ends as compile_error; a boxed
# warm-up leaves an honest kernel that passes.
import ctypes
import os
import socket
import subprocess

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
    _escaped("read the judge's files", lambda: open("/etc/hostname").read())
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(0x00020000) == 0:  # CLONE_NEWNS: a mount namespace of its own
        raise RuntimeError("warm-up escape worked: unshare")
    if libc.syscall(101, 0, 0, 0, 0) == 0:  # ptrace(PTRACE_TRACEME)
        raise RuntimeError("warm-up escape worked: ptrace")
    # The compilers may run: a process starts (that is what the warm-up is for).
    subprocess.run(["/bin/true"], check=True)
    _escaped("reach the network", lambda: socket.create_connection(("1.1.1.1", 53), timeout=2).close())


def custom_kernel(data):
    a, b, c = data
    torch.add(a, b, out=c)
    return c
