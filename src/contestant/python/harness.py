# The Python half of the sandboxed contestant (embedded into arbiter-python-contestant).
# It maps the judge's shared buffers, rebuilds `data` for every call, imports the submission
# and copies what custom_kernel returned into the judge-owned output buffer. It never holds a
# timer (the C++ loop reads the clock), a checker, an expected output or a seed: there is
# nothing here worth patching, and patching it cannot make a wrong output pass.
import sys

sys.dont_write_bytecode = True  # the sandbox has no writable directory for __pycache__

import importlib.util
import json
import mmap
import os
import struct
import tempfile
import traceback
import warnings

# tempfile.gettempdir() finds its directory by creating a file in each candidate, which the box
# refuses (no file creation); PyTorch asks for it as soon as torch._dynamo is imported (its cache
# folder, a directory in the private /tmp, which may be created).
tempfile.tempdir = os.environ.get("TMPDIR") or "/tmp"

import torch

HEADER = 4096  # status word, message length, message; outputs follow (docs/PYTHON.md)
NARROW = 64  # the header's last bytes: per output, the dtype code of a narrower result left as it is (0: none)
# Codes of Arbiter's DType (src/core/dtype.hpp), which the wire carries.
DTYPES = {1: torch.float32, 2: torch.float64, 3: torch.int32, 4: torch.int64, 5: torch.uint8, 6: torch.float16,
          7: torch.bfloat16}
CODES = {v: k for k, v in DTYPES.items()}
OK, RAISED, NOT_A_TENSOR, BAD_SHAPE = 0, 1, 2, 3
_TENSOR = torch.Tensor

warnings.filterwarnings("ignore", message="The given buffer is not writable")


class _DeviceBytes:
    """A judge-owned GPU allocation, already mapped into this process's context by the C++ side,
    seen by PyTorch as one uint8 tensor (CUDA array interface: no copy, not owned by torch)."""

    def __init__(self, ptr, size):
        self.__cuda_array_interface__ = {"shape": (size,), "typestr": "|u1", "data": (ptr, False), "version": 3,
                                         "strides": None}


class _Case:
    def __init__(self, desc, a, b):
        self.desc = desc
        self.cuda = desc.get("memory") == "cuda"
        if self.cuda:  # a, b: device addresses of the input and output allocations
            self.device = torch.device("cuda", torch.cuda.current_device())
            self.inp = torch.as_tensor(_DeviceBytes(a, desc["input_size"]), device=self.device) \
                if desc["input_size"] else None
            self.out = torch.as_tensor(_DeviceBytes(b, desc["output_size"]), device=self.device)
        else:  # a, b: the two memfds
            self.device = torch.device("cpu")
            self.inp = mmap.mmap(a, max(desc["input_size"], 1), prot=mmap.PROT_READ) if desc["input_size"] else None
            self.out = mmap.mmap(b, desc["output_size"])
        self.premade = _build(desc["outputs"], [], self._tensor, copy=True)

    def _view(self, buf, dtype, count, offset):
        if self.cuda:
            size = torch.empty((), dtype=dtype).element_size()
            return buf[offset: offset + count * size].view(dtype)
        return torch.frombuffer(buf, dtype=dtype, count=count, offset=offset)

    def _tensor(self, leaf, copy=False):
        buf = self.out if leaf["in_output"] else self.inp
        dtype = DTYPES[leaf["dtype"]]
        count = leaf["bytes"] // max(torch.empty((), dtype=dtype).element_size(), 1)
        if count == 0:
            t = torch.empty(leaf["shape"], dtype=dtype, device=self.device)
        else:
            t = self._view(buf, dtype, count, leaf["offset"]).view(leaf["shape"])
        return t.clone() if copy else t

    def data(self):
        return _build(self.desc["inputs"], self.desc["scalars"], self._tensor)

    def write_status(self, status, message="", narrow=b""):
        raw = message.encode("utf-8", "replace")[: HEADER - NARROW - 8]
        head = struct.pack("<II", status, len(raw)) + raw
        # Always written: the judge poisons the whole buffer, header included, before every call.
        head = head.ljust(HEADER - NARROW, b"\0") + narrow.ljust(NARROW, b"\0")
        if self.cuda:
            self.out[: len(head)].copy_(torch.frombuffer(bytearray(head), dtype=torch.uint8))
            # The judge reads the allocation the moment the reply arrives: nothing may still be queued.
            torch.cuda.synchronize()
        else:
            self.out[0: len(head)] = head

    def copy_out(self, result):
        """Checks and copies the result into the judge's buffer (inside the timed region); returns
        the status header to write once the region has closed."""
        leaves = self.desc["outputs"]
        got = _flatten(result)
        if len(got) != len(leaves):
            return (BAD_SHAPE, f"custom_kernel returned {len(got)} tensors, expected {len(leaves)}")
        narrow = bytearray(min(len(leaves), NARROW))
        for i, ((path, t), leaf) in enumerate(zip(got, leaves)):
            # Exactly torch.Tensor: a subclass could run deferred work while being copied here.
            if type(t) is not _TENSOR:
                return (NOT_A_TENSOR, f"output {path or 'result'} is a {type(t).__name__}, not a "
                        "torch.Tensor: return plain, already computed tensors")
            want = DTYPES[leaf["dtype"]]
            if list(t.shape) != leaf["shape"] or not _widens_exactly(t.dtype, want):
                return (BAD_SHAPE, f"output {path or 'result'} has shape {list(t.shape)} and dtype "
                        f"{t.dtype}, expected {leaf['shape']} and {want}")
            # On the reference's device: a result left elsewhere would move after the timed region.
            if t.device.type != self.device.type:
                return (BAD_SHAPE, f"output {path or 'result'} is on {t.device}, expected {self.device.type}")
            # A narrower result goes in as it is (a plain copy, or none where it already lies there);
            # the oracle widens it at the check, outside the timed region.
            code = CODES.get(t.dtype, 0) if t.dtype != want and i < NARROW else 0
            dst = self._view(self.out, t.dtype if code else want, t.numel(), leaf["offset"]).view(t.shape)
            if t.numel() and dst.data_ptr() != t.data_ptr():
                dst.copy_(t.detach())
            if code:
                narrow[i] = code
        return (OK, "", bytes(narrow))


def _widens_exactly(got, want):
    """A result in a narrower type of the same kind (float32 where the reference returns float64,
    as reference-kernels' prefixsum solutions do) is copied into the reference's type without
    losing a bit, so check_implementation sees the very values it would have compared."""
    return got == want or (got.is_floating_point == want.is_floating_point and got != torch.bool
                           and torch.promote_types(got, want) == want)


def _flatten(obj, path=""):
    if isinstance(obj, (tuple, list)):
        out = []
        for i, x in enumerate(obj):
            out += _flatten(x, f"{path}/{'t' if isinstance(obj, tuple) else 'l'}{i}")
        return out
    if isinstance(obj, dict):
        out = []
        for k, x in obj.items():
            out += _flatten(x, f"{path}/d{k}")
        return out
    return [(path, obj)]


def _build(leaves, scalars, make, copy=False):
    """Rebuilds the nested tuples/lists/dicts of `data` from flat leaves named by path."""
    items = [(leaf["path"], make(leaf, copy) if copy else make(leaf)) for leaf in leaves]
    items += [(s["path"], s["value"]) for s in scalars]
    items.sort(key=lambda kv: kv[0])
    if len(items) == 1 and items[0][0] == "":
        return items[0][1]
    root = {}
    for path, value in items:
        node = root
        segs = path.strip("/").split("/")
        for seg in segs[:-1]:
            node = node.setdefault(seg, {})
        node[segs[-1]] = value
    return _containers(root)


def _containers(node):
    if not isinstance(node, dict):
        return node
    keys = list(node)
    kind = keys[0][0] if keys else "t"
    if kind == "d":
        return {k[1:]: _containers(v) for k, v in node.items()}
    ordered = [_containers(node[k]) for k in sorted(keys, key=lambda k: int(k[1:]))]
    return tuple(ordered) if kind == "t" else ordered


def _use_prebuilt_extensions():
    """After the judge's compile warm-up (ARBITER_PREBUILT): load_inline finds the extension
    built in the read-only cache instead of compiling (no compiler may run here, and the cache
    cannot be written: the build lock file alone would fail)."""
    import os

    if not os.environ.get("ARBITER_PREBUILT"):
        return
    import inspect
    import subprocess

    # Importing cpp_extension probes for ROCm/CUDA by running hipconfig/which; here any process
    # start traps. Those probes already treat PermissionError as "not installed".
    def _no_process(*_args, **_kwargs):
        raise PermissionError("no processes in the contestant")

    popen, subprocess.Popen = subprocess.Popen, _no_process
    try:
        import torch.utils.cpp_extension as ce
    except Exception:
        return
    finally:
        subprocess.Popen = popen
    compile_ = ce._jit_compile
    sig = inspect.signature(compile_)

    def _jit_compile(*args, **kwargs):
        a = sig.bind(*args, **kwargs).arguments
        name, build_dir = a["name"], a["build_directory"]
        if not a.get("is_standalone") and os.path.exists(os.path.join(build_dir, name + ".so")):
            return ce._import_module_from_library(name, build_dir, a.get("is_python_module", True))
        return compile_(*args, **kwargs)

    ce._jit_compile = _jit_compile

    # load_inline (1.13) rewrites main.cpp in the cache before compiling: import the built module first.
    load_inline_ = ce.load_inline
    lsig = inspect.signature(load_inline_)

    def load_inline(*args, **kwargs):
        b = lsig.bind(*args, **kwargs)
        b.apply_defaults()
        a = b.arguments
        name = a["name"]
        build_dir = a.get("build_directory") or os.path.join(os.environ["TORCH_EXTENSIONS_DIR"], name)
        if not a.get("is_standalone") and os.path.exists(os.path.join(build_dir, name + ".so")):
            return ce._import_module_from_library(name, build_dir, a.get("is_python_module", True))
        return load_inline_(*args, **kwargs)

    ce.load_inline = load_inline


def _replay_tool_queries():
    """Compilers asked once, answered from the warm-up's record. Triton keys its cache by
    `ptxas --version` and finds libcuda with `ldconfig -p`, each a process, which the timed
    contestant may not start; the warm-up (ARBITER_WARM_UP=1, which may) recorded every
    subprocess.run whose output was captured in ARBITER_TOOL_QUERIES, and here the same argv gets
    the same answer. Anything else still starts a process, which the sandbox refuses.
    subprocess.check_output goes through run."""
    import base64
    import subprocess

    path = os.environ.get("ARBITER_TOOL_QUERIES")
    if not path:
        return
    record = os.environ.get("ARBITER_WARM_UP") == "1"  # the warm-up records, the timed contestant replays
    if record and os.environ.get("ARBITER_SYS_EXECUTABLE"):
        sys.executable = os.environ["ARBITER_SYS_EXECUTABLE"]
    run_ = subprocess.run
    answers = {}
    loaded = [False]

    def _answers():  # read at first use: the timed contestant starts while the warm-up still runs;
        # a later warm-up pass adds to what earlier ones recorded
        if not loaded[0]:
            loaded[0] = True
            try:
                with open(path) as f:
                    answers.update(json.load(f))
            except (OSError, ValueError):
                pass
        return answers

    def _key(args):
        if isinstance(args, (str, bytes, os.PathLike)):
            args = [args]
        try:
            return json.dumps([os.fsdecode(a) for a in args])
        except TypeError:
            return None

    def _encode(x):
        if x is None:
            return None
        return base64.b64encode(x if isinstance(x, bytes) else str(x).encode()).decode()

    def run(*popenargs, **kwargs):
        key = _key(popenargs[0] if popenargs else kwargs.get("args"))
        if record:
            result = run_(*popenargs, **kwargs)
            if key is not None and result.stdout is not None and key not in _answers():
                answers[key] = {"rc": result.returncode, "out": _encode(result.stdout), "err": _encode(result.stderr)}
                tmp = path + ".tmp"
                with open(tmp, "w") as f:
                    json.dump(answers, f)
                os.replace(tmp, path)
            return result
        a = _answers().get(key)
        if a is None:
            return run_(*popenargs, **kwargs)
        out, err = [None if x is None else base64.b64decode(x) for x in (a["out"], a["err"])]
        if kwargs.get("text") or kwargs.get("universal_newlines") or kwargs.get("encoding") or kwargs.get("errors"):
            enc, errors = kwargs.get("encoding") or "utf-8", kwargs.get("errors") or "strict"
            out, err = [None if x is None else x.decode(enc, errors) for x in (out, err)]
        args = popenargs[0] if popenargs else kwargs.get("args")
        if kwargs.get("check") and a["rc"]:
            raise subprocess.CalledProcessError(a["rc"], args, out, err)
        return subprocess.CompletedProcess(args, a["rc"], out, err)

    subprocess.run = run


_use_prebuilt_extensions()
_replay_tool_queries()
_case = None
_kernel = None
_pending = None  # the status copy_out found, written by publish() after the timed region


def setup(desc_json, a, b):
    global _case
    _case = _Case(json.loads(desc_json), a, b)


def load(path, directory):
    global _kernel
    try:
        sys.path.insert(0, directory)
        spec = importlib.util.spec_from_file_location("submission", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["submission"] = module
        spec.loader.exec_module(module)
        _kernel = getattr(module, "custom_kernel")
        if not callable(_kernel):
            return "submission.custom_kernel is not callable"
        return ""
    except BaseException as e:
        return "importing the submission failed:\n" + _submission_traceback(e)


def _submission_traceback(exc):
    """The traceback without the harness's and importlib's frames (their file names start with '<'),
    trimmed to its end: what the author needs to fix a syntax error or a failing import."""
    te = traceback.TracebackException.from_exception(exc)
    te.stack = traceback.StackSummary.from_list([f for f in te.stack if not f.filename.startswith("<")])
    return "".join(te.format())[-3000:]


def kernel():
    return _kernel


def data():
    return _case.data()


def empty(_data):
    return _case.premade


def copy_out(result):
    global _pending
    try:
        _pending = _case.copy_out(result)
    except BaseException:
        _pending = (NOT_A_TENSOR, "copying the output failed:\n" + traceback.format_exc(limit=-3)[-3000:])


def publish():
    _case.write_status(*_pending)


def raised(exc):
    text = "".join(traceback.format_exception(exc, limit=-6))[-3500:]
    _case.write_status(RAISED, "custom_kernel raised:\n" + text)
