"""Where one iteration of a reference-kernels problem goes on the GPU, outside Arbiter: the draw
(generate_input), the sample submission's call and the check, each timed twice per shape.
Usage: draw_cost.py PROBLEM_DIR '{"batch": 640, "n": 512, ...}' [...]"""
import json
import sys
import time

import torch

sys.path.insert(0, sys.argv[1])
from reference import check_implementation, generate_input  # noqa: E402
from submission import custom_kernel  # noqa: E402


def timed(f):
    torch.cuda.synchronize()
    t = time.perf_counter()
    r = f()
    torch.cuda.synchronize()
    return r, (time.perf_counter() - t) * 1e3


for spec in sys.argv[2:]:
    args = json.loads(spec)
    for rep in range(2):
        args["seed"] = args.get("seed", 0) + 1
        data, draw = timed(lambda: generate_input(**args))
        out, call = timed(lambda: custom_kernel(data))
        (ok, _), check = timed(lambda: check_implementation(data, out))
        print(f"{spec} rep {rep}: draw {draw:.0f} ms, call {call:.0f} ms, check {check:.0f} ms, ok {ok}", flush=True)
