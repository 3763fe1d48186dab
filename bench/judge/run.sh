#!/usr/bin/env bash
# Figures for the judge: harness cost per timed call, and wall time to judge vectoradd in
# each mode. Usage: bench/judge/run.sh [BUILD_DIR]. Prints a table; measures side by side.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/build}/src/cli/arbiter
noop=$root/bench/judge/noop
export ARBITER_HOME=${ARBITER_HOME:-$(mktemp -d)}
field() { /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }
tmp=$(mktemp -d)

# Per-call cost: two runs differing only in the number of timed calls; the difference divided by
# the extra calls removes compile and start-up. Includes fresh inputs, poison, the judge's cache
# flush (2x LLC), the round trip, snapshot, check and plausibility.
"$bin" run "$noop" "$noop/submission.cpp" --mode benchmark --runs 100 --quiet --json "$tmp/a.json" || true
"$bin" run "$noop" "$noop/submission.cpp" --mode benchmark --runs 1100 --quiet --json "$tmp/b.json" || true
wa=$(field "$tmp/a.json" "r['timing']['wall_ms']"); wb=$(field "$tmp/b.json" "r['timing']['wall_ms']")
rt=$(field "$tmp/b.json" "r['timing']['overhead_ns']['median']")
echo "harness, per timed call (empty kernel, n=1)"
printf '  whole iteration (judge side, incl. the cache flush): %.1f us\n' "$(echo "($wb - $wa) * 1000 / 1000" | bc -l)"
printf '  round trip beyond the kernel (calibrated overhead, median): %.1f us\n' "$(echo "$rt / 1000" | bc -l)"
printf '  reported time of the empty kernel (median): %s ns\n' "$(field "$tmp/b.json" "r['benchmarks'][0]['median_ns']")"

echo
echo "wall time to judge examples/vectoradd honest.cpp (3 runs each, median)"
for mode in test benchmark leaderboard; do
  ts=()
  for i in 1 2 3; do
    s=$(date +%s.%N)
    "$bin" run "$root/examples/vectoradd" "$root/examples/vectoradd/submissions/honest.cpp" --mode $mode --quiet \
      --json "$tmp/v.json" >/dev/null || true
    ts+=($(echo "$(date +%s.%N) - $s" | bc -l))
  done
  med=$(printf '%s\n' "${ts[@]}" | sort -g | sed -n 2p)
  printf '  %-12s %.2f s   (verdict %s)\n' "$mode" "$med" "$(field "$tmp/v.json" "r['verdict']")"
done
rm -rf "$tmp"
