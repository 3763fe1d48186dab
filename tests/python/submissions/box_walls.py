# Under --harness eval: the box has no network (a fresh network namespace, its loopback down: a
# UDP "connection" to 127.0.0.1, which any host allows, fails), no way to make new namespaces or to
# trace (seccomp's deny-list answers EPERM, or ENOSYS for clone3), and its own cgroup namespace.
import ctypes
import errno
import os
import socket

import torch

_libc = ctypes.CDLL(None, use_errno=True)


def _refused(name, *args):
    fn = getattr(_libc, name)
    fn.restype = ctypes.c_long
    if fn(*args) != -1:
        raise RuntimeError(f"{name}{args} succeeded inside eval.py's box")
    return ctypes.get_errno()


_s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
try:
    _s.connect(("127.0.0.1", 9))
    raise RuntimeError("the box reaches the network (127.0.0.1 answers)")
except OSError as e:
    if e.errno != errno.ENETUNREACH:
        raise RuntimeError(f"unexpected network error {e!r}") from e
finally:
    _s.close()
if [n for _, n in socket.if_nameindex()] != ["lo"]:
    raise RuntimeError(f"the box sees the host's interfaces: {socket.if_nameindex()}")
CLONE_NEWUSER, CLONE_NEWNS = 0x10000000, 0x00020000
for _name, _args, _want in [("unshare", (CLONE_NEWUSER,), errno.EPERM), ("unshare", (CLONE_NEWNS,), errno.EPERM),
                            ("ptrace", (0, 0, 0, 0), errno.EPERM),  # PTRACE_TRACEME
                            ("syscall", (435, 0, 0), errno.ENOSYS),  # clone3
                            ("syscall", (425, 8, 0), errno.EPERM)]:  # io_uring_setup
    _err = _refused(_name, *_args)
    if _err != _want:
        raise RuntimeError(f"{_name}{_args}: errno {_err}, wanted {_want}")
_cg = open("/proc/self/cgroup").read().split()
if not all(line.endswith(":/") for line in _cg):  # every hierarchy's path is its namespace's root
    raise RuntimeError(f"the box sees the host's cgroup tree: {_cg}")


def custom_kernel(data):
    return torch.cumsum(data, dim=0)
