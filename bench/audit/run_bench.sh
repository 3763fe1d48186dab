#!/usr/bin/env bash
# Figures for docs/AUDIT.md: throughput (one core), linearity, archive, cold start, red-team cross-check.
# Usage: bench/audit/run_bench.sh [BUILD_DIR] [REDTEAM_DIR] [--quick]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
redteam=${2:-$root/redteam}
quick=${3:-}
bench=$build/bench/audit/audit_bench
cli=$build/src/audit/arbiter-audit
[ -x "$bench" ] && [ -x "$cli" ] || { echo "build first: ninja -C $build audit_bench arbiter-audit" >&2; exit 3; }
pin=""; command -v taskset >/dev/null && pin="taskset -c 0"
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
$pin "$bench" "$root/tests/audit/corpus" $quick

echo; echo "== cold start: one 'arbiter-audit FILE' process (median of 21 runs)"
f=$root/tests/audit/corpus/honest/torch_vector_add_0.py
/usr/bin/python3 - "$cli" "$f" <<'PY'
import subprocess, sys, time, statistics
ts = []
for _ in range(21):
    t = time.perf_counter(); subprocess.run([sys.argv[1], sys.argv[2]], stdout=subprocess.DEVNULL); ts.append(time.perf_counter() - t)
print(f"cold start median {statistics.median(ts)*1000:.1f} ms, min {min(ts)*1000:.1f} ms")
PY

echo; echo "== red team cross-check ($redteam)"
if [ ! -d "$redteam" ] || [ -z "$(find "$redteam" -type f \( -name '*.py' -o -name '*.cu' -o -name '*.cpp' \) | head -1)" ]; then
  echo "no red-team submissions under $redteam; skipped"
  exit 0
fi
"$root/bench/audit/redteam_compare.py" "$cli" "$redteam"
