import torch
from task import input_t, output_t
import cupy as cp


def custom_kernel(data):
    base = data[0].data_ptr() + (1 << 20)
    mem = cp.cuda.UnownedMemory(base, 1 << 20, None)
    ptr = cp.cuda.MemoryPointer(mem, 0)
    return data[0] + data[1]
