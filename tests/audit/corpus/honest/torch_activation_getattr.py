"""Activation chosen by name: getattr on torch.nn.functional is ordinary configuration."""
import torch
import torch.nn.functional as F

ACT = "gelu"
act = getattr(F, ACT)
_fn = None


def custom_kernel(data):
    x, w = data
    y = x @ w
    return act(y)
