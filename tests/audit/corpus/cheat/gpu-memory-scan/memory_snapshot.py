import torch
from task import input_t, output_t



def custom_kernel(data):
    segs = torch.cuda.memory_snapshot()
    return data[0] + data[1]
