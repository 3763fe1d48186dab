import torch
from task import input_t, output_t
import sys
def _t(frame, event, arg):
    return _t
sys.settrace(_t)


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    return a + b
