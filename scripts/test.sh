#!/usr/bin/env bash
# Every test: the suite on a normal build and again under ASan+UBSan, a short libFuzzer run of
# each decoder of untrusted bytes, and clang-tidy. CI (.ci/run) calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
bash scripts/install-deps.sh

step() { printf '\n== %s\n' "$*"; }

step "build (RelWithDebInfo)"
cmake -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo . >/dev/null
ninja -C build -j"$jobs"

step "build (ASan + UBSan)"
cmake -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DARBITER_SANITIZE=ON -DARBITER_BENCH=OFF . >/dev/null
ninja -C build-asan -j"$jobs"

step "fuzz (libFuzzer, clang)"
CC=clang CXX=clang++ cmake -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DARBITER_FUZZ=ON \
  -DARBITER_TESTS=OFF -DARBITER_BENCH=OFF . >/dev/null
fuzzers=$(ninja -C build-fuzz -t targets all | sed -n 's/^\(fuzz_[a-z_]*\): .*/\1/p' | sort -u)
ninja -C build-fuzz -j"$jobs" $fuzzers
for f in $fuzzers; do
  bin=$(find build-fuzz -type f -name "$f" -perm -u+x | head -1)
  corpus=build-fuzz/corpus-$f
  mkdir -p "$corpus"
  seeds=$(find src -path "*/fuzz/seeds/$f" -type d)  # our own sample inputs, where a target has them
  echo "$f: 20 s"
  "$bin" -max_total_time=20 -rss_limit_mb=2048 -print_final_stats=0 "$corpus" $seeds 2>&1 | tail -2
done

step "clang-tidy"
bash scripts/tidy.sh build

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
step "tests under ASan + UBSan"
# Not here, but in the normal build below: the embedded-CPython contestant (label python), not
# yet verified under the sanitizers (docs/PYTHON.md); and the red-team corpus (label redteam),
# whose timing-sensitive controls see ASan's own thread bookkeeping as work outside the call.
(cd build-asan && ctest -j"$jobs" --output-on-failure --timeout 600 -LE 'python|redteam')
step "tests"
(cd build && ctest -j"$jobs" --output-on-failure --timeout 600)
