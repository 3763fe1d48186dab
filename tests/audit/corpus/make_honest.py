#!/usr/bin/env python3
"""Writes the honest half of the audit corpus (tests/audit/corpus/honest/).

Honest submissions are built from realistic kernels (PyTorch, Triton, load_inline CUDA, CUDA C++) plus
"adversarial honest" extras that a naive rule set flags: printing "benchmark", timing with
torch.cuda.Event, side streams that are joined back, caches of compiled kernels / autotune configs,
alignment checks on data_ptr(), getattr on dtypes. Deterministic: rerun after editing, commit the output.
"""
import os, random, textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "honest")

ELEMENTWISE = {  # name: (torch expr, triton expr, cuda expr, inputs)
    "vector_add": ("a + b", "a + b", "a[i] + b[i]", 2),
    "relu": ("torch.relu(a)", "tl.maximum(a, 0.0)", "fmaxf(a[i], 0.0f)", 1),
    "sigmoid": ("torch.sigmoid(a)", "1.0 / (1.0 + tl.exp(-a))", "1.0f / (1.0f + __expf(-a[i]))", 1),
    "silu": ("a * torch.sigmoid(a)", "a / (1.0 + tl.exp(-a))", "a[i] / (1.0f + __expf(-a[i]))", 1),
    "squared_diff": ("(a - b) * (a - b)", "(a - b) * (a - b)", "(a[i] - b[i]) * (a[i] - b[i])", 2),
    "axpy": ("2.5 * a + b", "2.5 * a + b", "2.5f * a[i] + b[i]", 2),
    "leaky_relu": ("torch.where(a > 0, a, 0.01 * a)", "tl.where(a > 0, a, 0.01 * a)", "a[i] > 0.f ? a[i] : 0.01f * a[i]", 1),
    "gelu_tanh": ("torch.nn.functional.gelu(a, approximate='tanh')",
                  "0.5 * a * (1.0 + tl.extra.cuda.libdevice.tanh(0.7978845608 * (a + 0.044715 * a * a * a)))",
                  "0.5f * a[i] * (1.f + tanhf(0.7978845608f * (a[i] + 0.044715f * a[i] * a[i] * a[i])))", 1),
}

TORCH_ONLY = {
    "softmax": "torch.softmax(x.float(), dim=-1).to(x.dtype)",
    "layernorm": "torch.nn.functional.layer_norm(x, x.shape[-1:], weight, bias, eps=1e-5)",
    "rmsnorm": "x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * weight",
    "matmul": "a @ b",
    "histogram": "torch.bincount(x.flatten().long(), minlength=256)",
    "prefix_sum": "torch.cumsum(x, dim=0)",
    "grayscale": "0.2989 * x[..., 0] + 0.5870 * x[..., 1] + 0.1140 * x[..., 2]",
    "transpose": "x.t().contiguous()",
    "sort": "torch.sort(x).values",
    "attention": "torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)",
    "conv2d": "torch.nn.functional.conv2d(x, w, padding=1)",
    "mse": "((a - b) ** 2).mean()",
}
UNPACK = {
    "layernorm": "x, weight, bias = data", "rmsnorm": "x, weight = data", "matmul": "a, b = data",
    "attention": "q, k, v = data", "conv2d": "x, w = data", "mse": "a, b = data",
}

EXTRAS = {
    "bench_print": '''
def _report(ms):
    # Honest logging: the words "benchmark" and "leaderboard" in output are not evidence of anything.
    print(f"benchmark: {ms:.3f} ms per call (leaderboard shapes)")
''',
    "event_profile": '''
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
''',
    "perf_counter": '''
def _time_it(fn, *args, reps=20):
    import time
    t0 = time.perf_counter()
    for _ in range(reps):
        fn(*args)
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) / reps
''',
    "alignment": '''
def _aligned(t, bytes_=16):
    # Vectorised loads need 16-byte alignment; fall back otherwise.
    return t.data_ptr() % bytes_ == 0
''',
    "dtype_getattr": '''
def _dtype(name="float16"):
    return getattr(torch, name)
''',
    "kernel_cache": '''
_compiled = {}

def _get_compiled(key, build):
    # Cache compiled kernels (not results) by dtype/shape: building is slow, running is not.
    fn = _compiled.get(key)
    if fn is None:
        fn = _compiled[key] = build()
    return fn
''',
    "lru_builder": '''
import functools

@functools.lru_cache(maxsize=None)
def _pick_block(n):
    return 1024 if n >= 1 << 20 else 256
''',
    "side_stream_joined": '''
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
''',
    "comment_ref": '''
# Matches the reference (ref_kernel in reference.py) to rtol=1e-3; we never call it.
''',
    "config_read": '''
def _load_tuning(path="tuning.json"):
    import json, os
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)
''',
    "shape_autotune": '''
_TUNED = {(4096, 4096): (128, 64), (8192, 8192): (256, 64)}

def _tile_for(m, n):
    # Tile sizes tuned offline per shape; unknown shapes use a safe default.
    return _TUNED.get((m, n), (64, 64))
''',
    "compile_fn": '''
_compiled_fn = None

def _fast(fn):
    global _compiled_fn
    if _compiled_fn is None:
        _compiled_fn = torch.compile(fn, mode="max-autotune")
    return _compiled_fn
''',
    "nvtx": '''
def _ranged(name):
    return torch.cuda.nvtx.range(name)
''',
}

def torch_file(op, expr, extras, rng):
    unpack = UNPACK.get(op, "x = data[0] if isinstance(data, (tuple, list)) else data")
    if op in ELEMENTWISE:
        unpack = "a, b = data" if ELEMENTWISE[op][3] == 2 else "a = data[0]"
    body = f'''"""{op}: plain PyTorch submission."""
import torch
import torch.nn.functional as F
from task import input_t, output_t

'''
    for e in extras:
        body += EXTRAS[e]
    body += f'''

def custom_kernel(data: input_t) -> output_t:
    {unpack}
    with torch.no_grad():
        out = {expr}
    return out
'''
    return body

def triton_file(op, exprs, extras, rng):
    texpr = exprs[1]
    two = exprs[3] == 2
    block = rng.choice([256, 512, 1024, 2048])
    body = f'''"""{op}: Triton kernel."""
import torch
import triton
import triton.language as tl
from task import input_t, output_t


@triton.autotune(
    configs=[triton.Config({{"BLOCK": {block}}}, num_warps=4), triton.Config({{"BLOCK": {block * 2}}}, num_warps=8)],
    key=["n"],
)
@triton.jit
def _{op}_kernel({"a_ptr, b_ptr" if two else "a_ptr"}, out_ptr, n, BLOCK: tl.constexpr):
    pid = tl.program_id(0)
    offs = pid * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    a = tl.load(a_ptr + offs, mask=mask).to(tl.float32)
{"    b = tl.load(b_ptr + offs, mask=mask).to(tl.float32)" if two else ""}
    y = {texpr}
    tl.store(out_ptr + offs, y.to(out_ptr.dtype.element_ty), mask=mask)

'''
    for e in extras:
        body += EXTRAS[e]
    body += f'''

def custom_kernel(data: input_t) -> output_t:
    {"a, b = data" if two else "a = data[0]"}
    out = torch.empty_like(a)
    n = a.numel()
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK"]),)
    _{op}_kernel[grid]({"a, b" if two else "a"}, out, n)
    return out
'''
    return body

def inline_file(op, exprs, extras, rng):
    cexpr = exprs[2]
    two = exprs[3] == 2
    threads = rng.choice([128, 256, 512])
    flags = rng.choice(['["-O3"]', '["-O3", "--use_fast_math"]', '["-O3", "-lineinfo"]'])
    body = f'''"""{op}: CUDA via torch.utils.cpp_extension.load_inline."""
import torch
from torch.utils.cpp_extension import load_inline
from task import input_t, output_t

cuda_src = r"""
#include <torch/extension.h>
#include <ATen/cuda/CUDAContext.h>

__global__ void {op}_kernel(const float* __restrict__ a, {"const float* __restrict__ b, " if two else ""}float* __restrict__ out, int n) {{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = {cexpr};
}}

torch::Tensor {op}_cuda(torch::Tensor a{", torch::Tensor b" if two else ""}) {{
    auto out = torch::empty_like(a);
    int n = a.numel();
    int threads = {threads};
    int blocks = (n + threads - 1) / threads;
    auto stream = at::cuda::getCurrentCUDAStream();
    {op}_kernel<<<blocks, threads, 0, stream>>>(a.data_ptr<float>(), {"b.data_ptr<float>(), " if two else ""}out.data_ptr<float>(), n);
    return out;
}}
"""

cpp_src = "torch::Tensor {op}_cuda(torch::Tensor a{", torch::Tensor b" if two else ""});"

_module = None


def _ext():
    # Compile once per process and keep the module: caching the build, not the results.
    global _module
    if _module is None:
        _module = load_inline(
            name="{op}_ext",
            cpp_sources=cpp_src,
            cuda_sources=cuda_src,
            functions=["{op}_cuda"],
            extra_cuda_cflags={flags},
            verbose=False,
        )
    return _module

'''
    for e in extras:
        body += EXTRAS[e]
    body += f'''

def custom_kernel(data: input_t) -> output_t:
    {"a, b = data" if two else "a = data[0]"}
    return _ext().{op}_cuda(a.contiguous(){", b.contiguous()" if two else ""})
'''
    return body

def cuda_file(op, exprs, rng, variant):
    cexpr = exprs[2]
    two = exprs[3] == 2
    threads = rng.choice([128, 256, 512, 1024])
    host = f'''
void launch_{op}(const float* a, {"const float* b, " if two else ""}float* out, int n, cudaStream_t stream) {{
    int blocks = (n + {threads} - 1) / {threads};
    {op}_kernel<<<blocks, {threads}, 0, stream>>>(a, {"b, " if two else ""}out, n);
}}
'''
    extra = ""
    if variant == 1:  # honest stream with synchronisation in a test main
        extra = f'''
#ifdef {op.upper()}_STANDALONE
int main() {{
    const int n = 1 << 20;
    float *a, *b, *out;
    cudaMalloc(&a, n * sizeof(float));
    cudaMalloc(&b, n * sizeof(float));
    cudaMalloc(&out, n * sizeof(float));
    cudaStream_t stream;
    cudaStreamCreate(&stream);
    cudaEvent_t start, stop;
    cudaEventCreate(&start);
    cudaEventCreate(&stop);
    cudaEventRecord(start, stream);
    launch_{op}(a, {"b, " if two else ""}out, n, stream);
    cudaEventRecord(stop, stream);
    cudaStreamSynchronize(stream);
    float ms = 0.f;
    cudaEventElapsedTime(&ms, start, stop);
    printf("benchmark: {op} %.3f ms\\n", ms);
    cudaStreamDestroy(stream);
    cudaFree(a); cudaFree(b); cudaFree(out);
    return 0;
}}
#endif
'''
    elif variant == 2:  # vectorised path guarded by alignment
        extra = f'''
__global__ void {op}_kernel_vec4(const float4* __restrict__ a, float4* __restrict__ out, int n4) {{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n4) {{
        float4 v = a[i];
        out[i] = v;  // copy stage of a two-pass implementation
    }}
}}
'''
    return f'''// {op}: CUDA C++ submission (host trust level: the harness calls launch_{op} on its own stream).
#include <cuda_runtime.h>
#include <cstdio>

__global__ void {op}_kernel(const float* __restrict__ a, {"const float* __restrict__ b, " if two else ""}float* __restrict__ out, int n) {{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    for (; i < n; i += blockDim.x * gridDim.x) {{
        out[i] = {cexpr};
    }}
}}
{host}{extra}'''

CUDA_SPECIAL = {
"softmax_rows": r'''// Row softmax, one warp per row, CUDA C++.
#include <cuda_runtime.h>
#include <cfloat>

__global__ void softmax_rows(const float* __restrict__ x, float* __restrict__ y, int rows, int cols) {
    int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
    int lane = threadIdx.x % 32;
    if (row >= rows) return;
    const float* xr = x + (size_t)row * cols;
    float m = -FLT_MAX;
    for (int c = lane; c < cols; c += 32) m = fmaxf(m, xr[c]);
    for (int o = 16; o; o >>= 1) m = fmaxf(m, __shfl_xor_sync(0xffffffff, m, o));
    float s = 0.f;
    for (int c = lane; c < cols; c += 32) s += __expf(xr[c] - m);
    for (int o = 16; o; o >>= 1) s += __shfl_xor_sync(0xffffffff, s, o);
    for (int c = lane; c < cols; c += 32) y[(size_t)row * cols + c] = __expf(xr[c] - m) / s;
}

void launch_softmax(const float* x, float* y, int rows, int cols, cudaStream_t stream) {
    int warps = 8;
    softmax_rows<<<(rows + warps - 1) / warps, warps * 32, 0, stream>>>(x, y, rows, cols);
}
''',
"matmul_tiled": r'''// Tiled SGEMM with shared memory.
#include <cuda_runtime.h>
#define TILE 32

__global__ void sgemm(const float* A, const float* B, float* C, int M, int N, int K) {
    __shared__ float As[TILE][TILE];
    __shared__ float Bs[TILE][TILE + 1];
    int r = blockIdx.y * TILE + threadIdx.y, c = blockIdx.x * TILE + threadIdx.x;
    float acc = 0.f;
    for (int t = 0; t < K; t += TILE) {
        As[threadIdx.y][threadIdx.x] = (r < M && t + threadIdx.x < K) ? A[r * K + t + threadIdx.x] : 0.f;
        Bs[threadIdx.y][threadIdx.x] = (c < N && t + threadIdx.y < K) ? B[(t + threadIdx.y) * N + c] : 0.f;
        __syncthreads();
#pragma unroll
        for (int k = 0; k < TILE; ++k) acc += As[threadIdx.y][k] * Bs[k][threadIdx.x];
        __syncthreads();
    }
    if (r < M && c < N) C[r * N + c] = acc;
}

void launch_sgemm(const float* A, const float* B, float* C, int M, int N, int K, cudaStream_t stream) {
    dim3 block(TILE, TILE), grid((N + TILE - 1) / TILE, (M + TILE - 1) / TILE);
    sgemm<<<grid, block, 0, stream>>>(A, B, C, M, N, K);
}
''',
"histogram_atomic": r'''// 256-bin histogram with shared-memory privatisation.
#include <cuda_runtime.h>

__global__ void histogram256(const unsigned char* data, unsigned int* bins, int n) {
    __shared__ unsigned int local[256];
    for (int i = threadIdx.x; i < 256; i += blockDim.x) local[i] = 0;
    __syncthreads();
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
        atomicAdd(&local[data[i]], 1u);
    __syncthreads();
    for (int i = threadIdx.x; i < 256; i += blockDim.x) atomicAdd(&bins[i], local[i]);
}

void launch_histogram(const unsigned char* data, unsigned int* bins, int n, cudaStream_t stream) {
    cudaMemsetAsync(bins, 0, 256 * sizeof(unsigned int), stream);
    histogram256<<<132 * 4, 256, 0, stream>>>(data, bins, n);
}
''',
"prefix_scan": r'''// Block-wise inclusive scan (Hillis-Steele) followed by a block-offset pass.
#include <cuda_runtime.h>

__global__ void scan_block(const float* in, float* out, float* sums, int n) {
    extern __shared__ float s[];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    s[threadIdx.x] = i < n ? in[i] : 0.f;
    __syncthreads();
    for (int off = 1; off < blockDim.x; off <<= 1) {
        float v = threadIdx.x >= off ? s[threadIdx.x - off] : 0.f;
        __syncthreads();
        s[threadIdx.x] += v;
        __syncthreads();
    }
    if (i < n) out[i] = s[threadIdx.x];
    if (threadIdx.x == blockDim.x - 1) sums[blockIdx.x] = s[threadIdx.x];
}

__global__ void add_offsets(float* out, const float* scanned_sums, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (blockIdx.x > 0 && i < n) out[i] += scanned_sums[blockIdx.x - 1];
}
''',
"grayscale": r'''// RGB to grayscale, one thread per pixel.
#include <cuda_runtime.h>

__global__ void grayscale(const float* __restrict__ rgb, float* __restrict__ gray, int pixels) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < pixels) {
        const float* p = rgb + 3 * i;
        gray[i] = 0.2989f * p[0] + 0.5870f * p[1] + 0.1140f * p[2];
    }
}

extern "C" void launch_grayscale(const float* rgb, float* gray, int pixels, cudaStream_t stream) {
    grayscale<<<(pixels + 255) / 256, 256, 0, stream>>>(rgb, gray, pixels);
}
''',
"two_stream_pipeline": r'''// Overlapped copy and compute on two streams, joined before returning.
#include <cuda_runtime.h>

__global__ void scale(float* x, float s, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] *= s;
}

void pipeline(float* dev, const float* host, int n, cudaStream_t main_stream) {
    cudaStream_t copy;
    cudaStreamCreateWithFlags(&copy, cudaStreamNonBlocking);
    cudaEvent_t copied;
    cudaEventCreateWithFlags(&copied, cudaEventDisableTiming);
    cudaMemcpyAsync(dev, host, n * sizeof(float), cudaMemcpyHostToDevice, copy);
    cudaEventRecord(copied, copy);
    cudaStreamWaitEvent(main_stream, copied, 0);
    scale<<<(n + 255) / 256, 256, 0, main_stream>>>(dev, 2.0f, n);
    cudaEventDestroy(copied);
    cudaStreamDestroy(copy);
}
''',
"tma_driver_entry": r'''// Hopper TMA descriptor through the driver entry point (honest use of cudaGetDriverEntryPoint).
#include <cuda.h>
#include <cuda_runtime.h>

typedef CUresult (*EncodeFn)(CUtensorMap*, CUtensorMapDataType, cuuint32_t, void*, const cuuint64_t*,
                             const cuuint64_t*, const cuuint32_t*, const cuuint32_t*, CUtensorMapInterleave,
                             CUtensorMapSwizzle, CUtensorMapL2promotion, CUtensorMapFloatOOBfill);

static EncodeFn get_encode() {
    static EncodeFn fn = nullptr;  // cached driver entry point, looked up once
    if (!fn) {
        cudaDriverEntryPointQueryResult q;
        cudaGetDriverEntryPoint("cuTensorMapEncodeTiled", (void**)&fn, cudaEnableDefault, &q);
    }
    return fn;
}

__global__ void noop_kernel() {}
''',
}

PY_SPECIAL = {
"cupy_rawkernel.py": '''"""vector add through cupy.RawKernel: raw pointers are passed to the kernel, not used as keys."""
import cupy as cp
import torch
from task import input_t, output_t

_src = r"""
extern "C" __global__ void add(const float* a, const float* b, float* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = a[i] + b[i];
}
"""
_kernel = cp.RawKernel(_src, "add")


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    out = torch.empty_like(a)
    n = a.numel()
    stream = cp.cuda.ExternalStream(torch.cuda.current_stream().cuda_stream)
    with stream:
        _kernel(((n + 255) // 256,), (256,), (a.data_ptr(), b.data_ptr(), out.data_ptr(), cp.int32(n)))
    return out
''',
"triton_matmul_autotune.py": '''"""Triton matmul with autotuning and a per-shape config cache (configs, not results)."""
import torch
import triton
import triton.language as tl
from task import input_t, output_t

_best_config = {}


@triton.autotune(
    configs=[
        triton.Config({"BM": 128, "BN": 128, "BK": 32}, num_stages=3, num_warps=8),
        triton.Config({"BM": 64, "BN": 128, "BK": 32}, num_stages=4, num_warps=4),
    ],
    key=["M", "N", "K"],
)
@triton.jit
def _mm(a, b, c, M, N, K, sam, sak, sbk, sbn, scm, scn, BM: tl.constexpr, BN: tl.constexpr, BK: tl.constexpr):
    pm, pn = tl.program_id(0), tl.program_id(1)
    rm = pm * BM + tl.arange(0, BM)
    rn = pn * BN + tl.arange(0, BN)
    rk = tl.arange(0, BK)
    acc = tl.zeros((BM, BN), dtype=tl.float32)
    for k in range(0, K, BK):
        x = tl.load(a + rm[:, None] * sam + (k + rk)[None, :] * sak, mask=(rm[:, None] < M) & ((k + rk)[None, :] < K), other=0.0)
        y = tl.load(b + (k + rk)[:, None] * sbk + rn[None, :] * sbn, mask=((k + rk)[:, None] < K) & (rn[None, :] < N), other=0.0)
        acc += tl.dot(x, y)
    tl.store(c + rm[:, None] * scm + rn[None, :] * scn, acc.to(c.dtype.element_ty), mask=(rm[:, None] < M) & (rn[None, :] < N))


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    M, K = a.shape
    _, N = b.shape
    c = torch.empty((M, N), device=a.device, dtype=a.dtype)
    grid = lambda meta: (triton.cdiv(M, meta["BM"]), triton.cdiv(N, meta["BN"]))
    _mm[grid](a, b, c, M, N, K, a.stride(0), a.stride(1), b.stride(0), b.stride(1), c.stride(0), c.stride(1))
    _best_config[(M, N, K)] = _mm.best_config
    return c
''',
"inline_side_stream_joined.py": '''"""load_inline kernel that overlaps two halves on a side stream and joins it back in C++."""
import torch
from torch.utils.cpp_extension import load_inline

src = r"""
#include <torch/extension.h>
#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDAStream.h>

__global__ void twice(float* x, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] *= 2.f;
}

torch::Tensor run(torch::Tensor x) {
    auto out = x.clone();
    int n = out.numel(), half = n / 2;
    auto main = at::cuda::getCurrentCUDAStream();
    auto side = at::cuda::getStreamFromPool();
    cudaEvent_t ready, done;
    cudaEventCreateWithFlags(&ready, cudaEventDisableTiming);
    cudaEventCreateWithFlags(&done, cudaEventDisableTiming);
    cudaEventRecord(ready, main);
    cudaStreamWaitEvent(side, ready, 0);
    twice<<<(half + 255) / 256, 256, 0, main>>>(out.data_ptr<float>(), half);
    twice<<<(n - half + 255) / 256, 256, 0, side>>>(out.data_ptr<float>() + half, n - half);
    cudaEventRecord(done, side);
    cudaStreamWaitEvent(main, done, 0);
    cudaEventDestroy(ready);
    cudaEventDestroy(done);
    return out;
}
"""

mod = load_inline("twice_ext", cpp_sources="torch::Tensor run(torch::Tensor x);", cuda_sources=src, functions=["run"])


def custom_kernel(data):
    return mod.run(data[0])
''',
"torch_activation_getattr.py": '''"""Activation chosen by name: getattr on torch.nn.functional is ordinary configuration."""
import torch
import torch.nn.functional as F

ACT = "gelu"
act = getattr(F, ACT)
_fn = None


def custom_kernel(data):
    x, w = data
    y = x @ w
    return act(y)
''',
"torch_profiled_with_events.py": '''"""A submission that times its own phases with CUDA events and prints them (honest profiling)."""
import torch

_events = [torch.cuda.Event(enable_timing=True) for _ in range(3)]
PROFILE = False


def custom_kernel(data):
    a, b = data
    if PROFILE:
        _events[0].record()
    c = torch.mm(a, b)
    if PROFILE:
        _events[1].record()
    c = torch.relu_(c)
    if PROFILE:
        _events[2].record()
        torch.cuda.synchronize()
        print("benchmark phase mm:", _events[0].elapsed_time(_events[1]), "ms; relu:", _events[1].elapsed_time(_events[2]), "ms")
    return c
''',
}

def main():
    rng = random.Random(20261125)
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    names = list(EXTRAS)
    count = 0
    def write(name, text):
        nonlocal count
        with open(os.path.join(OUT, name), "w") as f:
            f.write(text)
        count += 1
    for op, exprs in ELEMENTWISE.items():
        for v in range(3):
            extras = rng.sample(names, v + 1)
            write(f"torch_{op}_{v}.py", torch_file(op, exprs[0], extras, rng))
            write(f"triton_{op}_{v}.py", triton_file(op, exprs, rng.sample(names, v), rng))
            write(f"inline_{op}_{v}.py", inline_file(op, exprs, rng.sample(names, v + 1), rng))
            write(f"cuda_{op}_{v}.cu", cuda_file(op, exprs, rng, v))
    for op, expr in TORCH_ONLY.items():
        for v in range(4):
            write(f"torch_{op}_{v}.py", torch_file(op, expr, rng.sample(names, v + 1), rng))
    for name, text in PY_SPECIAL.items():
        write(name, text)
    for name, text in CUDA_SPECIAL.items():
        write(f"cuda_{name}.cu", text)
    print(f"wrote {count} honest files to {OUT}")

if __name__ == "__main__":
    main()
