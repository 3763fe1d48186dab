import torch


def custom_kernel(data):
    x, out = data
    return x
