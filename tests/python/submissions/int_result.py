# An integer result where the reference returns float64: widening would not be exact (and
# rounding could turn a wrong answer right), so the output's type is what is wrong.
import torch


def custom_kernel(data):
    return torch.cumsum(data, dim=0).to(torch.int64)
