"""matmul: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _load_tuning(path="tuning.json"):
    import json, os
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)

def _dtype(name="float16"):
    return getattr(torch, name)


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    with torch.no_grad():
        out = a @ b
    return out
