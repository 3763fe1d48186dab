"""Outside Arbiter: how long the GPU stays busy after a call's end event (the settle check,
docs/CUDA.md), and whether the excess is GPU work or a late host.

Usage (on the GPU host, in a problem's folder so `task` imports):
    python3 settle_probe.py SUBMISSION.py SIZE... [--calls N]
For each size it times N calls three ways, after the submission's own first call:
  settle    end event -> (device synchronise) -> settle event, on the GPU clock (what Arbiter checks);
  spin      host: end event seen complete by a cuEventQuery spin -> device synchronise returns
            (GPU work the end event left out keeps the second wait long; a late host does not);
  wake      host: device synchronise returns -> settle event seen complete.
and lists, from torch.profiler, the streams the call's GPU work ran on.
"""
import importlib.util
import statistics
import sys
import time

import torch


def load(path):
    sys.path.insert(0, ".")  # the problem's task.py
    spec = importlib.util.spec_from_file_location("submission", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.custom_kernel


def empty(_data):
    return None


def one_call(fn, data, ev):
    start, end, settled = ev
    start.record()
    fn(data)
    end.record()
    t0 = time.perf_counter_ns()
    while not end.query():
        pass
    t1 = time.perf_counter_ns()
    torch.cuda.synchronize()
    t2 = time.perf_counter_ns()
    settled.record()
    settled.synchronize()
    return start.elapsed_time(end) * 1e3, end.elapsed_time(settled) * 1e3, (t2 - t1) / 1e3, (t1 - t0) / 1e3


def streams_of(fn, data):
    from torch.profiler import ProfilerActivity, profile
    with profile(activities=[ProfilerActivity.CUDA, ProfilerActivity.CPU]) as prof:
        fn(data)
        torch.cuda.synchronize()
    seen = {}
    for e in prof.events():
        if e.device_type == torch.autograd.DeviceType.CUDA:
            key = (getattr(e, "device_resource_id", None), e.name[:60])
            seen[key] = seen.get(key, 0) + 1
    return seen


def main():
    args = sys.argv[1:]
    calls = 15
    if "--calls" in args:
        i = args.index("--calls")
        calls = int(args[i + 1])
        del args[i:i + 2]
    path, sizes = args[0], [int(s) for s in args[1:]]
    fns = {"empty": empty, "torch.sort": lambda d: d[1].copy_(torch.sort(d[0])[0])}
    if path != "-":
        fns["submission"] = load(path)
    ev = tuple(torch.cuda.Event(enable_timing=True) for _ in range(3))
    for size in sizes:
        data = (torch.rand(size, device="cuda"), torch.empty(size, device="cuda"))
        for name, fn in fns.items():
            first = [one_call(fn, data, ev) for _ in range(4)]  # a first-seen shape: compiles, records graphs
            print(f"size {size:>10} {name:11} first calls: " + "; ".join(
                f"device {r[0]:.1f} settle {r[1]:.1f} spin->sync {r[2]:.1f} us" for r in first))
            rows = [one_call(fn, data, ev) for _ in range(calls)]
            med = [statistics.median(r[i] for r in rows) for i in range(4)]
            print(f"size {size:>10} {name:11} device {med[0]:9.1f} us  settle {med[1]:6.1f} us  "
                  f"spin->sync {med[2]:6.1f} us  end seen after {med[3]:7.1f} us  "
                  f"settles {[round(r[1], 1) for r in rows]}")
            if name != "empty":
                for (stream, kernel), n in sorted(streams_of(fn, data).items(), key=str):
                    print(f"      stream {stream}: {kernel} x{n}")


if __name__ == "__main__":
    main()
