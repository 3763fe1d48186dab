# A submission importing a module that does not exist: compile_error naming it.
import torch
import arbiter_no_such_module  # noqa: F401


def custom_kernel(data):
    a, b = data
    return a + b
