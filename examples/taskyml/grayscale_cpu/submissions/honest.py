import torch

W = torch.tensor([0.2989, 0.5870, 0.1140], dtype=torch.float32)


def custom_kernel(data):
    x, y = data
    torch.matmul(x, W, out=y)
    return y
