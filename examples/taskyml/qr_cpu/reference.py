# Batched QR on the CPU: custom_kernel returns a tuple (Q, R), and the check is property-based
# (Q orthonormal, R upper-triangular, Q @ R = A), as reference-kernels' linalg problems do.
import torch

from task import input_t, output_t
from utils import make_generator


def generate_input(batch: int, n: int, seed: int) -> input_t:
    gen = make_generator(seed)
    return torch.randn(batch, n, n, generator=gen, dtype=torch.float32)


def ref_kernel(data: input_t) -> output_t:
    return torch.linalg.qr(data)


def check_implementation(data: input_t, output: output_t):
    if not isinstance(output, (tuple, list)) or len(output) != 2:
        return False, "output must be a tuple (Q, R)"
    q, r = output
    for name, t in (("Q", q), ("R", r)):
        if t.shape != data.shape or t.dtype != torch.float32:
            return False, f"{name} must be float32 of shape {tuple(data.shape)}, got {t.dtype} {tuple(t.shape)}"
        if not torch.isfinite(t).all():
            return False, f"{name} holds NaN or Inf"
    n = data.shape[-1]
    tol = 1e-4 * n
    eye = torch.eye(n, dtype=torch.float32).expand_as(data)
    if (r.tril(-1).abs().max() if n > 1 else 0) > 0:
        return False, "R is not upper-triangular"
    orth = (q.transpose(-1, -2) @ q - eye).abs().max().item()
    if orth > tol:
        return False, f"Q is not orthonormal: max |Q^T Q - I| = {orth:.3g} > {tol:.3g}"
    scale = data.abs().max().item() or 1.0
    recon = ((q @ r - data).abs().max() / scale).item()
    if recon > tol:
        return False, f"Q @ R differs from A: max relative error {recon:.3g} > {tol:.3g}"
    return True, ""
