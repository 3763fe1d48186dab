# Arbiter's oracle: a trusted child of the judge that runs the problem author's reference.py
# (generate_input, ref_kernel, check_implementation). It never meets the submission. Protocol on
# stdin/stdout: one JSON line per request and reply; a request or reply with "bytes": N is
# followed by N raw bytes (docs/PYTHON.md).
import copy
import importlib
import json
import os
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


def reply(obj, payload=b""):
    if payload:
        obj["bytes"] = len(payload)
    out.write((json.dumps(obj) + "\n").encode())
    if payload:
        out.write(payload)
    out.flush()


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


def tensor_bytes(t):
    t = t.detach().to("cpu").contiguous()
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)
    return t.numpy().tobytes()


def padded(n):
    return (n + ALIGN - 1) // ALIGN * ALIGN


class Oracle:
    def __init__(self):
        self.reference = None
        self.pristine = None
        self.outputs = None

    def init(self, req):
        sys.path.insert(0, req["dir"])
        os.chdir(req["dir"])
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
        self.reference = importlib.import_module(req.get("module", "reference"))
        return {"ok": True}

    def generate(self, req):
        kwargs = dict(req["case"])
        kwargs["seed"] = req["seed"]  # derived in the judge for every call; never the public one
        data = self.reference.generate_input(**kwargs)
        self.pristine = data
        snapshot = copy.deepcopy(data)
        leaves, scalars, blobs, offset = [], [], [], 0
        for path, x in flatten(snapshot):
            if isinstance(x, torch.Tensor):
                leaf = tensor_leaf(path, x, offset)
                leaves.append(leaf)
                blob = tensor_bytes(x)
                blobs.append(blob + b"\0" * (padded(len(blob)) - len(blob)))
                offset += padded(len(blob))
            elif isinstance(x, (bool, int, float)) or x is None:
                scalars.append({"path": path, "value": x})
            else:
                raise TypeError(f"data leaf {path or 'data'} is a {type(x).__name__}; only tensors and numbers "
                                "can cross to the contestant")
        res = {"ok": True, "inputs": leaves, "scalars": scalars, "input_size": offset}
        if req.get("layout"):
            res["outputs"], res["slots"] = self.output_layout(data, leaves)
        return res, b"".join(blobs)

    def output_layout(self, data, leaves):
        """Shapes of ref_kernel's output, and which data tensors are output slots (ref_kernel
        returns them, so a submission may write into them)."""
        trial = copy.deepcopy(data)
        ptrs = {x.data_ptr(): p for p, x in flatten(trial) if isinstance(x, torch.Tensor) and x.numel()}
        result = self.reference.ref_kernel(trial)
        outputs, slots, offset = [], {}, 0
        for path, t in flatten(result):
            if not isinstance(t, torch.Tensor):
                raise TypeError(f"ref_kernel output {path or 'result'} is a {type(t).__name__}, not a tensor")
            leaf = tensor_leaf(path, t, offset)
            outputs.append(leaf)
            if t.numel() and t.data_ptr() in ptrs:
                slots[ptrs[t.data_ptr()]] = offset
            offset += padded(leaf["bytes"])
        return outputs, slots

    def check(self, req, payload):
        outs = []
        for leaf in self.outputs_layout(req):
            dtype = DTYPES[leaf["dtype"]]
            raw = payload[leaf["offset"]: leaf["offset"] + leaf["bytes"]]
            view_dtype = torch.int16 if dtype == torch.bfloat16 else dtype
            t = torch.frombuffer(bytearray(raw), dtype=view_dtype) if raw else torch.empty(0, dtype=view_dtype)
            outs.append((leaf["path"], t.view(dtype).reshape(leaf["shape"])))
        output = rebuild(outs)
        ref_data = copy.deepcopy(self.pristine)
        result = self.reference.check_implementation(ref_data, output)
        if isinstance(result, tuple):
            ok, message = bool(result[0]), str(result[1]) if len(result) > 1 else ""
        else:  # older sets: a string, empty means pass
            ok, message = not result, str(result or "")
        return {"ok": True, "pass": ok, "message": message[:2000]}

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
        payload = inp.read(req["bytes"]) if req.get("bytes") else b""
        try:
            op = req["op"]
            if op == "init":
                reply(oracle.init(req))
            elif op == "generate":
                res, blob = oracle.generate(req)
                reply(res, blob)
            elif op == "check":
                reply(oracle.check(req, payload))
            else:
                reply({"ok": False, "error": f"unknown op {op}"})
        except BaseException:
            reply({"ok": False, "error": traceback.format_exc(limit=-5)[-3000:]})


if __name__ == "__main__":
    main()
