import torch
from task import input_t, output_t
torch.backends.cuda.matmul.allow_fp16_reduced_precision_reduction = True


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    return a + b
