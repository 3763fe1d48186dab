# Q @ R = A but Q is not orthonormal (Q = A, R = I): the property check fails.
import torch

from task import input_t, output_t


def custom_kernel(data: input_t) -> output_t:
    eye = torch.eye(data.shape[-1], dtype=data.dtype).expand_as(data).contiguous()
    return data.clone(), eye
