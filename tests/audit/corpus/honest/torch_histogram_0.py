"""histogram: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t


def _load_tuning(path="tuning.json"):
    import json, os
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


def custom_kernel(data: input_t) -> output_t:
    x = data[0] if isinstance(data, (tuple, list)) else data
    with torch.no_grad():
        out = torch.bincount(x.flatten().long(), minlength=256)
    return out
