# torch.linalg.qr returns a named tuple (a tuple subclass): passed as it is.
import torch

from task import input_t, output_t


def custom_kernel(data: input_t) -> output_t:
    return torch.linalg.qr(data)
