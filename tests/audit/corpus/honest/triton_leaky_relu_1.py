"""leaky_relu: Triton kernel."""
import torch
import triton
import triton.language as tl
from task import input_t, output_t


@triton.autotune(
    configs=[triton.Config({"BLOCK": 2048}, num_warps=4), triton.Config({"BLOCK": 4096}, num_warps=8)],
    key=["n"],
)
@triton.jit
def _leaky_relu_kernel(a_ptr, out_ptr, n, BLOCK: tl.constexpr):
    pid = tl.program_id(0)
    offs = pid * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    a = tl.load(a_ptr + offs, mask=mask).to(tl.float32)

    y = tl.where(a > 0, a, 0.01 * a)
    tl.store(out_ptr + offs, y.to(out_ptr.dtype.element_ty), mask=mask)


_copy_stream = None

def _prefetch(t):
    # Copies on a side stream overlap with compute; the current stream waits before using the result.
    global _copy_stream
    if _copy_stream is None:
        _copy_stream = torch.cuda.Stream()
    with torch.cuda.stream(_copy_stream):
        y = t.to("cuda", non_blocking=True)
    torch.cuda.current_stream().wait_stream(_copy_stream)
    y.record_stream(torch.cuda.current_stream())
    return y


def custom_kernel(data: input_t) -> output_t:
    a = data[0]
    out = torch.empty_like(a)
    n = a.numel()
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK"]),)
    _leaky_relu_kernel[grid](a, out, n)
    return out
