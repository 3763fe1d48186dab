# Arbiter's oracle: a trusted child of the judge that runs the problem author's reference.py
# (generate_input, ref_kernel, check_implementation). It never meets the submission. Protocol on
# stdin/stdout: one JSON line per request and reply; tensor bytes of a request or reply with
# "shm_bytes": N are the first N bytes of the exchange, a memfd shared with the judge
# (fd $ARBITER_ORACLE_EXCHANGE_FD; docs/PYTHON.md). On a GPU the judge hands over its own
# allocations instead ("attach", POSIX fds on the socket $ARBITER_ORACLE_SOCKET_FD): the oracle
# maps them into its CUDA context and writes inputs, poisons, snapshots and checks there, so no
# tensor byte crosses the host (DeviceCase).
import copy
import ctypes
import importlib
import json
import mmap
import os
import socket
import sys
import traceback

import torch

# Codes of Arbiter's DType (src/core/dtype.hpp), which the wire carries.
DTYPES = {1: torch.float32, 2: torch.float64, 3: torch.int32, 4: torch.int64, 5: torch.uint8, 6: torch.float16,
          7: torch.bfloat16}
CODES = {v: k for k, v in DTYPES.items()}
ALIGN = 64

out = sys.stdout.buffer
inp = sys.stdin.buffer
sys.stdout = sys.stderr  # the reference's prints must not corrupt the protocol


def reply(obj):
    out.write((json.dumps(obj) + "\n").encode())
    out.flush()


class Exchange:
    """The memfd shared with the judge; either side grows it, the other maps the larger size."""

    def __init__(self, fd):
        self.fd = fd
        self.mm = None

    def view(self, n):
        if os.fstat(self.fd).st_size < n:
            os.ftruncate(self.fd, n)
        size = os.fstat(self.fd).st_size
        if size and (self.mm is None or len(self.mm) < size):
            self.mm = mmap.mmap(self.fd, size)  # the old map goes with its last tensor
        return self.mm

    def bytes_at(self, offset, n):
        """A uint8 tensor over n bytes of the exchange (no copy)."""
        return torch.frombuffer(self.view(offset + n), dtype=torch.uint8, count=n, offset=offset)


EXCHANGE = Exchange(int(os.environ.get("ARBITER_ORACLE_EXCHANGE_FD", "3")))


class _AccessDesc(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("id", ctypes.c_int), ("flags", ctypes.c_int)]


class DeviceCase:
    """One case's judge-owned allocations (inputs; status header + outputs), mapped into this
    process's CUDA context from the judge's POSIX fds, each seen as one uint8 tensor. The
    snapshot of the outputs stays here, on the device."""

    _cu = None

    @classmethod
    def driver(cls):
        if cls._cu is None:
            cls._cu = ctypes.CDLL("libcuda.so.1")
        return cls._cu

    def __init__(self, fds, sizes, header, out_size):
        torch.empty(1, device="cuda")  # the runtime's primary context, current on this thread
        self.cu = self.driver()
        self.device = torch.device("cuda", torch.cuda.current_device())
        self.header, self.out_size = header, out_size
        self.maps = []
        try:
            self.inp, self.out = [self._map(fd, size) for fd, size in zip(fds, sizes)]
        finally:
            for fd in fds:
                os.close(fd)
        self.snap = None

    def _call(self, name, *args):
        rc = getattr(self.cu, name)(*args)
        if rc != 0:
            raise RuntimeError(f"{name} failed: CUDA error {rc}")

    def _map(self, fd, size):
        c = ctypes
        handle, ptr = c.c_ulonglong(0), c.c_ulonglong(0)
        self._call("cuMemImportFromShareableHandle", c.byref(handle), c.c_void_p(fd), c.c_int(1))  # POSIX fd
        try:
            self._call("cuMemAddressReserve", c.byref(ptr), c.c_size_t(size), c.c_size_t(0), c.c_ulonglong(0),
                       c.c_ulonglong(0))
            self._call("cuMemMap", ptr, c.c_size_t(size), c.c_size_t(0), handle, c.c_ulonglong(0))
            self.maps.append((ptr.value, size))
            desc = _AccessDesc(1, self.device.index, 3)  # this device, read-write
            self._call("cuMemSetAccess", ptr, c.c_size_t(size), c.byref(desc), c.c_size_t(1))
        finally:
            self._call("cuMemRelease", handle)  # the mapping keeps the memory
        return torch.as_tensor(_DeviceBytes(ptr.value, size), device=self.device)

    def close(self):
        torch.cuda.synchronize()
        self.inp = self.out = self.snap = None
        for ptr, size in self.maps:
            self.cu.cuMemUnmap(ctypes.c_ulonglong(ptr), ctypes.c_size_t(size))
            self.cu.cuMemAddressFree(ctypes.c_ulonglong(ptr), ctypes.c_size_t(size))
        self.maps = []

    def poison(self, iteration, seed):
        """Every byte of the header and outputs: all ones (NaN in every float type) on even
        iterations, random bytes from the judge's seed on odd ones."""
        self.out[: self.header].fill_(255)
        body = self.out[self.header: self.out_size]
        if iteration % 2 == 0:
            body.fill_(255)
        else:
            g = torch.Generator(device=self.device)
            g.manual_seed(seed & 0x7FFFFFFFFFFFFFFF)
            body.random_(0, 256, generator=g)
        torch.cuda.synchronize()

    def snapshot(self):
        self.snap = self.out[: self.out_size].clone()
        torch.cuda.synchronize()
        return self.snap[: self.header].cpu()

    def changed(self):
        return not torch.equal(self.out[self.header: self.out_size], self.snap[self.header:])


class _DeviceBytes:
    def __init__(self, ptr, size):
        self.__cuda_array_interface__ = {"shape": (size,), "typestr": "|u1", "data": (ptr, False), "version": 3,
                                         "strides": None}


def receive_fds(n):
    sock = socket.socket(fileno=int(os.environ.get("ARBITER_ORACLE_SOCKET_FD", "4")))
    try:
        _, fds, _, _ = socket.recv_fds(sock, 1, n)
    finally:
        sock.detach()
    if len(fds) != n:
        raise ValueError(f"expected {n} descriptors from the judge, got {len(fds)}")
    return fds


def flatten(obj, path=""):
    if isinstance(obj, (tuple, list)):
        tag = "t" if isinstance(obj, tuple) else "l"
        return [leaf for i, x in enumerate(obj) for leaf in flatten(x, f"{path}/{tag}{i}")]
    if isinstance(obj, dict):
        return [leaf for k, x in obj.items() for leaf in flatten(x, f"{path}/d{k}")]
    return [(path, obj)]


def tensor_leaf(path, t, offset):
    if t.dtype not in CODES:
        raise TypeError(f"data leaf {path or 'data'} has dtype {t.dtype}, which Arbiter cannot share yet")
    nbytes = t.numel() * t.element_size()
    return {"path": path, "dtype": CODES[t.dtype], "shape": list(t.shape), "offset": offset, "bytes": nbytes}


def as_bytes(t):
    """The tensor's bytes as a flat uint8 tensor on its own device."""
    return t.detach().contiguous().reshape(-1).view(torch.uint8)


def padded(n):
    return (n + ALIGN - 1) // ALIGN * ALIGN


class Oracle:
    def __init__(self):
        self.reference = None
        self.pristine = None
        self.outputs = None
        self.out_devices = []
        self.dev = None  # DeviceCase of the case being run, when the judge attached one
        self.deferred = None  # (case, seed, data) of a deferred draw, which the judge asks for again

    def init(self, req):
        sys.path.insert(0, req["dir"])
        os.chdir(req["dir"])
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
        self.reference = importlib.import_module(req.get("module", "reference"))
        if torch.cuda.is_available():
            # The CUDA context now, while the contestant starts beside us, not at the first
            # generate_input inside the run (about a second on the H200).
            torch.zeros(1, device="cuda")
        return {"ok": True}

    def warm(self, case):
        """The run's first case drawn, solved and checked once, after init's reply, so beside the
        judge's next steps (the contestant's start): PyTorch loads the kernels generate_input,
        ref_kernel and check_implementation launch at their first use and its allocator takes
        their memory (the first generate of a run cost 1.3 s on the H200 without this)."""
        try:
            kwargs = dict(case)
            kwargs["seed"] = 1
            data = self.reference.generate_input(**kwargs)
            out = self.reference.ref_kernel(copy.deepcopy(data))
            self.reference.check_implementation(data, out)
            if torch.cuda.is_available():
                torch.cuda.synchronize()
        except Exception:
            pass  # the run's own generate_input says what is wrong, with its traceback

    def generate(self, req):
        kwargs = dict(req["case"])
        kwargs["seed"] = req["seed"]  # derived in the judge for every call; never the public one
        held, self.deferred = self.deferred, None
        if held is not None and held[0] == req["case"] and held[1] == req["seed"]:
            data = held[2]  # the draw the layout came from: drawing is the costly part for some problems
        else:
            data = self.reference.generate_input(**kwargs)
        self.pristine = data
        snapshot = copy.deepcopy(data)
        leaves, scalars, tensors, offset = [], [], [], 0
        for path, x in flatten(snapshot):
            if isinstance(x, torch.Tensor):
                leaf = tensor_leaf(path, x, offset)
                leaves.append(leaf)
                tensors.append((offset, x))
                offset += padded(leaf["bytes"])
            elif isinstance(x, (bool, int, float)) or x is None:
                scalars.append({"path": path, "value": x})
            else:
                raise TypeError(f"data leaf {path or 'data'} is a {type(x).__name__}; only tensors and numbers "
                                "can cross to the contestant")
        res = {"ok": True, "inputs": leaves, "scalars": scalars, "input_size": offset}
        if req.get("layout"):
            res["outputs"], res["slots"] = self.output_layout(data, leaves)
            res["device"] = self.device_of(data)
            if res["device"] == "cuda" and req.get("defer_cuda"):
                # The judge allocates the case's GPU memory, maps it here and asks again: a large
                # case's first inputs need not cross through host memory (a GiB: about a second).
                res["deferred"] = True
                self.deferred = (req["case"], req["seed"], data)
                return res
        if req.get("direct"):  # into the judge's allocation, device to device
            for at, x in tensors:
                if x.numel():
                    self.dev.inp[at: at + x.numel() * x.element_size()].copy_(as_bytes(x))
            torch.cuda.synchronize()
        else:
            EXCHANGE.view(offset)
            for at, x in tensors:  # straight from the reference's device into the exchange
                if x.numel():
                    EXCHANGE.bytes_at(at, x.numel() * x.element_size()).copy_(as_bytes(x))
            res["shm_bytes"] = offset
        return res

    def device_of(self, data):
        """Where the contestant gets its tensors: the one device kind the reference uses for its
        inputs and outputs ("cuda": judge-owned GPU allocations; "cpu": shared host memory)."""
        kinds = {x.device.type for _, x in flatten(data) if isinstance(x, torch.Tensor)}
        kinds |= {d.type for d in self.out_devices}
        if len(kinds) > 1:
            raise TypeError(f"generate_input and ref_kernel use tensors on several devices ({sorted(kinds)}); "
                            "Arbiter shares one kind with the contestant")
        kind = kinds.pop() if kinds else "cpu"
        if kind not in ("cpu", "cuda"):
            raise TypeError(f"tensors on {kind} cannot be shared with the contestant")
        return kind

    def output_layout(self, data, leaves):
        """Shapes of ref_kernel's output, and which data tensors are output slots (ref_kernel
        returns them, so a submission may write into them)."""
        trial = copy.deepcopy(data)
        ptrs = {x.data_ptr(): p for p, x in flatten(trial) if isinstance(x, torch.Tensor) and x.numel()}
        result = self.reference.ref_kernel(trial)
        outputs, slots, offset = [], {}, 0
        self.out_devices = []
        for path, t in flatten(result):
            if not isinstance(t, torch.Tensor):
                raise TypeError(f"ref_kernel output {path or 'result'} is a {type(t).__name__}, not a tensor")
            self.out_devices.append(t.device)
            leaf = tensor_leaf(path, t, offset)
            outputs.append(leaf)
            if t.numel() and t.data_ptr() in ptrs:
                slots[ptrs[t.data_ptr()]] = offset
            offset += padded(leaf["bytes"])
        return outputs, slots

    def check(self, req):
        outs = []
        narrow = req.get("narrow", {})  # results the harness left in a narrower dtype (the judge checked each)
        for i, leaf in enumerate(self.outputs_layout(req)):
            dtype = DTYPES[leaf["dtype"]]
            stored = DTYPES[narrow[str(i)]] if str(i) in narrow else dtype
            # Where ref_kernel puts this output, so check_implementation compares like with like;
            # always a copy: the exchange (or the snapshot) is rewritten for the next call.
            device = self.out_devices[i] if i < len(self.out_devices) else torch.device("cpu")
            if req.get("direct"):
                at = self.dev.header + leaf["offset"]
                raw = self.dev.snap[at: at + leaf["bytes"]]
            elif leaf["offset"] + leaf["bytes"] > req.get("shm_bytes", 0):
                raise ValueError("the judge sent fewer output bytes than the layout needs")
            else:
                raw = EXCHANGE.bytes_at(leaf["offset"], leaf["bytes"]) if leaf["bytes"] else torch.empty(0, dtype=torch.uint8)
            if stored != dtype:  # its first bytes, as the harness wrote them; widened exactly here
                count = leaf["bytes"] // torch.empty((), dtype=dtype).element_size()
                raw = raw[: count * torch.empty((), dtype=stored).element_size()]
            t = raw.to(device, copy=True).view(stored).reshape(leaf["shape"]).to(dtype)
            outs.append((leaf["path"], t))
        output = rebuild(outs)
        ref_data = copy.deepcopy(self.pristine)
        result = self.reference.check_implementation(ref_data, output)
        if isinstance(result, tuple):
            ok, message = bool(result[0]), str(result[1]) if len(result) > 1 else ""
        else:  # older sets: a string, empty means pass
            ok, message = not result, str(result or "")
        return {"ok": True, "pass": ok, "message": message[:2000]}

    def attach(self, req):
        if self.dev is not None:
            self.dev.close()
            self.dev = None
        self.dev = DeviceCase(req["_fds"], (req["input_size"], req["output_size"]), req["header"], req["out_size"])
        return {"ok": True}

    def poison(self, req):
        self.dev.poison(req["iteration"], req["seed"])
        return {"ok": True}

    def snapshot(self, req):
        head = self.dev.snapshot()
        EXCHANGE.bytes_at(0, head.numel()).copy_(head)
        return {"ok": True, "shm_bytes": head.numel()}

    def changed(self, req):
        return {"ok": True, "changed": self.dev.changed()}

    def outputs_layout(self, req):
        if "outputs" in req:
            self.outputs = req["outputs"]
        return self.outputs


def rebuild(items):
    if len(items) == 1 and items[0][0] == "":
        return items[0][1]
    root = {}
    for path, value in items:
        node = root
        segs = path.strip("/").split("/")
        for seg in segs[:-1]:
            node = node.setdefault(seg, {})
        node[segs[-1]] = value
    return containers(root)


def containers(node):
    if not isinstance(node, dict):
        return node
    keys = list(node)
    if keys and keys[0][0] == "d":
        return {k[1:]: containers(v) for k, v in node.items()}
    items = [containers(node[k]) for k in sorted(keys, key=lambda k: int(k[1:]))]
    return tuple(items) if not keys or keys[0][0] == "t" else items


def main():
    oracle = Oracle()
    while True:
        line = inp.readline()
        if not line:
            return
        req = json.loads(line)
        try:
            if req.get("fds"):  # descriptors that came with the request, on the socket
                req["_fds"] = receive_fds(req["fds"])
            op = req["op"]
            if op == "init":
                reply(oracle.init(req))
                if req.get("warm"):
                    oracle.warm(req["warm"])
            elif op == "generate":
                reply(oracle.generate(req))
            elif op in ("check", "attach", "poison", "snapshot", "changed"):
                reply(getattr(oracle, op)(req))
            else:
                reply({"ok": False, "error": f"unknown op {op}"})
        except BaseException:
            reply({"ok": False, "error": traceback.format_exc(limit=-5)[-3000:]})


if __name__ == "__main__":
    main()
