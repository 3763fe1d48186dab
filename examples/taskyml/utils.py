# Helpers shared by the CPU example problems (written for Arbiter; same roles as the helpers
# that reference-kernels problems import from one folder up).
import torch


def make_generator(seed: int) -> torch.Generator:
    gen = torch.Generator()
    gen.manual_seed(seed)
    return gen


def verbose_allclose(received, expected, rtol=1e-5, atol=1e-8, max_print=5):
    """Returns a list of mismatch descriptions; empty when the tensors agree."""
    if received.shape != expected.shape:
        return [f"shape mismatch: got {tuple(received.shape)}, expected {tuple(expected.shape)}"]
    received = received.to(torch.float64)
    expected = expected.to(torch.float64)
    finite_bad = torch.isfinite(received) != torch.isfinite(expected)
    diff = (received - expected).abs()
    bad = finite_bad | (diff > atol + rtol * expected.abs()) | torch.isnan(received)
    idx = torch.nonzero(bad)
    msgs = [f"{len(idx)} mismatched elements"] if len(idx) else []
    for i in idx[:max_print].tolist():
        i = tuple(i)
        msgs.append(f"at {i}: got {received[i].item()}, expected {expected[i].item()}")
    return msgs


def match_reference(data, output, ref_kernel, rtol=1e-5, atol=1e-8):
    expected = ref_kernel(data)
    msgs = verbose_allclose(output, expected, rtol=rtol, atol=atol)
    if msgs:
        return False, "mismatch found! " + "; ".join(msgs)
    return True, ""
