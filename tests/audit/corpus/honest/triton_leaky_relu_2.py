"""leaky_relu: Triton kernel."""
import torch
import triton
import triton.language as tl
from task import input_t, output_t


@triton.autotune(
    configs=[triton.Config({"BLOCK": 1024}, num_warps=4), triton.Config({"BLOCK": 2048}, num_warps=8)],
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


if __name__ == "__main__":
    # Local profiling with CUDA events; the harness does its own timing.
    import torch
    start = torch.cuda.Event(enable_timing=True)
    end = torch.cuda.Event(enable_timing=True)
    start.record()
    for _ in range(10):
        pass
    end.record()
    torch.cuda.synchronize()
    print("benchmark:", start.elapsed_time(end) / 10, "ms")

_compiled_fn = None

def _fast(fn):
    global _compiled_fn
    if _compiled_fn is None:
        _compiled_fn = torch.compile(fn, mode="max-autotune")
    return _compiled_fn


def custom_kernel(data: input_t) -> output_t:
    a = data[0]
    out = torch.empty_like(a)
    n = a.numel()
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK"]),)
    _leaky_relu_kernel[grid](a, out, n)
    return out
