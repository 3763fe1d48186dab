# Under --harness eval the submission shares eval.py's process and its result fd: at exit it claims
# two billion passing tests. The judge must neither obey the count (a result per claim) nor pass it.
import atexit
import os

import torch


_fd = os.dup(int(os.environ.get("POPCORN_FD", "3")))  # eval.py closes its own copy before exit


def _forge():
    os.write(_fd, b"test-count: 2000000000\ncheck: pass\n")


atexit.register(_forge)


def custom_kernel(data):
    return torch.cumsum(data, dim=0)
