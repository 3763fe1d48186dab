import torch
from task import input_t, output_t
torch.set_float32_matmul_precision('medium')


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    return a + b
