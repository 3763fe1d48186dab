# Wrong: exclusive instead of inclusive.
import torch


def custom_kernel(data):
    out = torch.zeros_like(data)
    out[1:] = torch.cumsum(data, dim=0)[:-1]
    return out
