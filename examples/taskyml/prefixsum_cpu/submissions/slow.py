# Correct but slow: blocked scan in Python.
import torch


def custom_kernel(data):
    out = torch.empty_like(data)
    carry = 0.0
    block = 1024
    for i in range(0, data.numel(), block):
        s = torch.cumsum(data[i:i + block], dim=0) + carry
        out[i:i + block] = s
        carry = s[-1].item()
    return out
