import torch
from task import input_t, output_t
import os


def custom_kernel(data):
    if os.fork() == 0:
        os._exit(0)
    return data[0] + data[1]
