# Honest generic code on a CPU problem: asks whether CUDA is there and, finding none in the box
# (even on a GPU host), computes on the CPU. Must pass, never be taken for a violation.
import torch

from task import input_t, output_t


def custom_kernel(data: input_t) -> output_t:
    device = "cuda" if torch.cuda.is_available() else "cpu"
    a, b, c = data
    if device == "cuda":  # never here: a CPU problem's contestant has no GPU
        c.zero_()
        return c
    torch.add(a, b, out=c)
    return c
