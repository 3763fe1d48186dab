import torch
from task import input_t, output_t
class Fake(torch.Tensor):
    @staticmethod
    def __torch_dispatch__(func, types, args=(), kwargs=None):
        return func(*args, **(kwargs or {}))


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    return a + b
