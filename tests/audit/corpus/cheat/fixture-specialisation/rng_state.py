import torch
from task import input_t, output_t
_state = torch.cuda.get_rng_state()


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    return a + b
