# An in-process eval.py in the style of reference-kernels' runner contract (written for
# Arbiter's bench and `--harness eval`): `python3 eval.py MODE CASEFILE`, results as `key: value`
# lines on POPCORN_FD. Like the original it runs the submission in its own process, which is
# exactly the weakness Arbiter's own harness removes.
import math
import os
import sys
import time

import torch

from reference import check_implementation, generate_input


def parse_cases(path):
    cases = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            case = {}
            for part in line.split("; "):
                k, v = part.split(": ", 1)
                case[k.strip()] = int(v) if v.strip().lstrip("-").isdigit() else v.strip()
            cases.append(case)
    return cases


def cantor(a, b):
    return a + (a + b) * (a + b + 1) // 2


def main():
    fd = os.environ.get("POPCORN_FD")
    if not fd:
        return 111
    out = os.fdopen(int(fd), "w", buffering=1)
    if len(sys.argv) < 3:
        return 2
    mode = sys.argv[1]
    try:
        cases = parse_cases(sys.argv[2])
    except Exception:
        return 113
    secret = os.environ.get("POPCORN_SEED")
    if secret:
        for c in cases:
            if "seed" in c:
                c["seed"] = cantor(int(secret), c["seed"])
    from submission import custom_kernel

    def log(k, v):
        out.write(f"{k}: {v}\n")

    ok_all = True
    if mode == "test":
        log("test-count", len(cases))
        for i, c in enumerate(cases):
            spec = "; ".join(f"{k}: {v}" for k, v in c.items())
            log(f"test.{i}.spec", spec)
            data = generate_input(**c)
            output = custom_kernel(_clone(data))
            good, msg = check_implementation(data, output)
            log(f"test.{i}.status", "pass" if good else "fail")
            if not good:
                log(f"test.{i}.error", msg)
                ok_all = False
    else:
        log("benchmark-count", len(cases))
        for i, c in enumerate(cases):
            spec = "; ".join(f"{k}: {v}" for k, v in c.items())
            log(f"benchmark.{i}.spec", spec)
            times = []
            budget = 10.0 if mode == "benchmark" else 30.0
            start = time.perf_counter()
            data = generate_input(**c)
            for rep in range(100):
                if mode == "leaderboard":  # fresh inputs, every call checked
                    c2 = dict(c)
                    c2["seed"] = c.get("seed", 0) + 13 * rep
                    data = generate_input(**c2)
                arg = _clone(data)
                t0 = time.perf_counter_ns()
                output = custom_kernel(arg)
                t1 = time.perf_counter_ns()
                if mode == "leaderboard" or rep == 0:
                    good, msg = check_implementation(data, output)
                    if not good:
                        log(f"benchmark.{i}.status", "fail")
                        log(f"benchmark.{i}.error", msg)
                        ok_all = False
                        break
                times.append(t1 - t0)
                n = len(times)
                mean = sum(times) / n
                std = math.sqrt(sum((t - mean) ** 2 for t in times) / (n - 1)) if n > 1 else 0.0
                if n >= 3 and std / math.sqrt(n) / mean < 0.001:
                    break
                if time.perf_counter() - start > budget:
                    break
            if times and ok_all:
                n = len(times)
                mean = sum(times) / n
                std = math.sqrt(sum((t - mean) ** 2 for t in times) / (n - 1)) if n > 1 else 0.0
                log(f"benchmark.{i}.runs", n)
                log(f"benchmark.{i}.mean", mean)
                log(f"benchmark.{i}.std", std)
                log(f"benchmark.{i}.err", std / math.sqrt(n))
                log(f"benchmark.{i}.best", min(times))
                log(f"benchmark.{i}.worst", max(times))
    log("check", "pass" if ok_all else "fail")
    return 0 if ok_all else 112


def _clone(data):
    if isinstance(data, tuple):
        return tuple(_clone(x) for x in data)
    if isinstance(data, list):
        return [_clone(x) for x in data]
    if isinstance(data, dict):
        return {k: _clone(v) for k, v in data.items()}
    return data.clone() if isinstance(data, torch.Tensor) else data


if __name__ == "__main__":
    sys.exit(main())
