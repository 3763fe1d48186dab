#!/usr/bin/env python3
"""Nsight Compute's view of a reference-kernels problem, outside Arbiter: for each benchmark shape of
task.yml, the sum of gpu__time_duration of every kernel one custom_kernel call launches (mean over
CALLS calls, after one unprofiled warm-up call), to set beside Arbiter's mean for the same shape.

  ncu --profile-from-start off --clock-control none --metrics gpu__time_duration.sum --csv \\
      python3 pmpp_ncu.py PROBLEM_DIR SUBMISSION CALLS > raw.csv
  python3 pmpp_ncu.py --sum raw.csv CALLS
  python3 pmpp_ncu.py --events PROBLEM_DIR SUBMISSION CALLS   # CUDA events around each call instead,
                                                            # L2 flushed before it (as eval.py times)

Shapes are told apart by a marker kernel (torch.cuda._sleep's spin_kernel) launched after each
shape's calls while the profiler is still on."""
import csv, importlib.util, io, json, os, sys


def shapes(task_yml):
    out, inside = [], False
    for line in open(task_yml):
        if not line.startswith((" ", "#")) and line.strip():
            inside = line.startswith("benchmarks:")
            continue
        s = line.strip()
        if inside and s.startswith("- {"):
            out.append(json.loads(s[2:s.rindex("}") + 1]))  # a comment may follow
    return out


def load(problem, submission):
    submission = os.path.abspath(submission)
    parent = os.path.dirname(os.path.abspath(problem))
    sys.path[:0] = [os.path.abspath(problem), parent]
    os.chdir(problem)
    import reference
    spec = importlib.util.spec_from_file_location("submission", submission)
    sub = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sub)
    return reference, sub


def events(problem, submission, calls):
    import torch
    reference, sub = load(problem, submission)
    flush = torch.empty(256 << 20, dtype=torch.uint8, device="cuda")
    shape = shapes("task.yml")[-1]
    data = reference.generate_input(**shape)
    sub.custom_kernel(data)
    times = []
    fresh = os.environ.get("FRESH") == "1"  # new inputs (the next seed) before every call, as Arbiter does
    for i in range(calls):
        if fresh:
            data = reference.generate_input(**dict(shape, seed=shape["seed"] + i + 1))
        flush.zero_()
        torch.cuda.synchronize()
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record()
        sub.custom_kernel(data)
        b.record()
        torch.cuda.synchronize()
        times.append(a.elapsed_time(b) * 1e6)
    times.sort()
    print(f"events {json.dumps(shape)}: mean {sum(times) / len(times):.0f} ns, median {times[len(times) // 2]:.0f} ns over {calls} calls")


def run(problem, submission, calls):
    import torch
    reference, sub = load(problem, submission)
    for shape in shapes("task.yml"):
        data = reference.generate_input(**shape)
        sub.custom_kernel(data)  # compiles, autotunes, loads modules: not timed anywhere
        torch.cuda.synchronize()
        torch.cuda.profiler.start()
        for _ in range(calls):
            sub.custom_kernel(data)
        torch.cuda.synchronize()
        torch.cuda._sleep(1000)  # the marker
        torch.cuda.synchronize()
        torch.cuda.profiler.stop()
        print("SHAPE", json.dumps(shape), file=sys.stderr, flush=True)


def summarise(raw, calls):
    rows = [l for l in open(raw).read().splitlines() if l.startswith('"')]
    scale = {"nsecond": 1, "usecond": 1e3, "msecond": 1e6, "second": 1e9}
    groups, cur = [], []
    for r in csv.DictReader(io.StringIO("\n".join(rows))):
        if r.get("Metric Name") != "gpu__time_duration.sum":
            continue
        if "spin_kernel" in r["Kernel Name"]:
            groups.append(cur)
            cur = []
            continue
        cur.append((r["Kernel Name"].split("(")[0][:40], float(r["Metric Value"].replace(",", "")) * scale.get(r["Metric Unit"], 1)))
    if not groups:
        sys.exit("no profiled kernels in " + raw)
    for i, g in enumerate(groups):
        total = sum(d for _, d in g)
        names = sorted({n for n, _ in g})
        print(f"shape {i}: ncu {total / calls:.0f} ns per call ({len(g) // max(calls, 1)} kernels per call: {', '.join(names)[:120]})")


if __name__ == "__main__":
    if sys.argv[1] == "--sum":
        summarise(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "--events":
        events(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        run(sys.argv[1], sys.argv[2], int(sys.argv[3]))
