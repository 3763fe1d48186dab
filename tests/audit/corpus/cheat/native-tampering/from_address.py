import torch
from task import input_t, output_t
import ctypes


def custom_kernel(data):
    v = ctypes.c_double.from_address(id(data) + 24)
    return data[0] + data[1]
