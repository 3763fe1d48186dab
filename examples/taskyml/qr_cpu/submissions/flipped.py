# Another valid factorisation: Q and R with the signs of matching columns and rows flipped.
import torch

from task import input_t, output_t


def custom_kernel(data: input_t) -> output_t:
    q, r = torch.linalg.qr(data)
    return q.neg(), r.neg()
