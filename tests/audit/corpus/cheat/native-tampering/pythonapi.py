import torch
from task import input_t, output_t
import ctypes
ctypes.pythonapi.PyObject_SetAttrString


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    return a + b
