#!/usr/bin/python3
"""Wall time of a whole ranked run (test, then benchmark, then leaderboard, as reference-kernels'
runner does) on the CPU task.yml problems: Arbiter's harness vs `--harness eval` running the
in-process examples/taskyml/eval.py, side by side in one run. Also the per-call overhead of
crossing the process boundary: the calibrated harness overhead (an empty call through judge →
contestant → judge) and the median gap between the judge's round trip and the reported time.

usage: bench/python/ranked_run.py [--build DIR] [--repeat N] [PROBLEM ...]"""
import argparse
import json
import os
import pathlib
import resource
import statistics
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def ranked_run(arbiter, problem, harness, keys):
    stages, report = {}, None
    for mode in ("test", "benchmark", "leaderboard"):
        out = pathlib.Path(keys) / "r.json"
        t0 = time.perf_counter()
        c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([arbiter, "run", problem, f"{problem}/submissions/honest.py", "--mode", mode, "--harness",
                        harness, "-q", "--key-dir", keys, "--json", str(out)], check=False)
        stages[mode] = time.perf_counter() - t0
        c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        stages["cpu"] = stages.get("cpu", 0) + (c1.ru_utime + c1.ru_stime) - (c0.ru_utime + c0.ru_stime)
        report = json.loads(out.read_text())
        if report["verdict"] != "pass":
            stages["failed"] = f"{mode}: {report['reason'][:80]}"
            break
    return stages, report


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=str(ROOT / "build"))
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("problems", nargs="*", default=["vectoradd_cpu", "grayscale_cpu", "prefixsum_cpu"])
    a = ap.parse_args()
    arbiter = str(pathlib.Path(a.build) / "src/cli/arbiter")
    print(f"{'problem':16} {'harness':8} {'test_s':>8} {'bench_s':>8} {'lb_s':>8} {'total_s':>8} "
          f"{'cpu_s':>7} {'score_us':>9} {'calib_us':>9} {'runs':>5}")
    print(f"# load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as keys:
        for p in a.problems:
            problem = str(ROOT / "examples/taskyml" / p)
            for harness in ("arbiter", "eval"):
                totals = []
                for _ in range(a.repeat):
                    stages, rep = ranked_run(arbiter, problem, harness, keys)
                    totals.append(sum(v for k, v in stages.items() if k in ("test", "benchmark", "leaderboard")))
                runs = sum(b["runs"] for b in rep["benchmarks"])
                score = rep["score_ns"] / 1e3 if rep.get("score_ns") else float("nan")
                calib = rep["timing"]["overhead_ns"]["median"] / 1e3
                print(f"{p:16} {harness:8} {stages.get('test', 0):8.2f} {stages.get('benchmark', 0):8.2f} "
                      f"{stages.get('leaderboard', 0):8.2f} {statistics.median(totals):8.2f} {stages['cpu']:7.2f} {score:9.1f} "
                      f"{calib:9.1f} {runs:5d} {stages.get('failed', '')}")


if __name__ == "__main__":
    main()
