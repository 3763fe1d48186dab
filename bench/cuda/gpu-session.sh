#!/usr/bin/env bash
# One call on the GPU host (see docs/gpu-results.md): install the carried build, check the box,
# measure what the CUDA driver asks of seccomp (strace + log-only filter), then judge the CUDA
# examples and the GPU red team. Logs go to $OUT (the device tool brings them back).
# Usage there: bench/cuda/gpu-session.sh [learn|judge|device|sharing|pyranked|pyranked-ab|cxxranked-ab|nvcc-split-ab|warmup-ab|eval-harness|eigh|cpulearn|ncu-pmpp|profile|ncu|python|pylearn|pick|upstream|linalg|all]
# (python, pylearn: reference-kernels' pmpp_v2 problems from RK, default .dev/rk/problems/pmpp_v2,
# copied there with `git -C MIRROR archive HEAD problems/pmpp_v2 | tar -x -C .dev/rk`.)
set -uo pipefail
what=${1:-all}
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
export ARBITER_PYTHON=${ARBITER_PYTHON:-$(command -v python3)}  # the image's python3 holds torch (a venv)
mkdir -p /opt/arbiter && tar -C /opt/arbiter -xJf .dev/.dev.tar.xz && /opt/arbiter/install.sh
A=/opt/arbiter/bin/arbiter
export ARBITER_HOME=/tmp/arbiter-home
nvidia-smi -L
summary() {  # verdict, reason and timing of each report
  python3 - "$@" <<'PY'
import json, sys
for p in sys.argv[1:]:
    try: r = json.load(open(p))
    except Exception as e: print(p, "no report", e); continue
    t = r.get("timing", {})
    print(f"{p.split('/')[-1]:28} {r['verdict']:13} overhead {t.get('overhead_ns')} settle {t.get('gpu_settle_ns')} "
          f"dev {r.get('device',{}).get('name')}  {r.get('reason','')[:200]}")
    bl = r.get("baseline") or {}
    if bl: print(f"    baseline {bl.get('source')} {bl.get('status')} score {bl.get('score_ns')} speedup {r.get('speedup')} {bl.get('reason','')[:200]}")
    for b in r.get("benchmarks", []):
        print(f"    {b.get('name'):10} runs {b.get('runs')} mean {b.get('mean_ns')} ns  min {b.get('min_ns')}  floor {b.get('floor_ns')}  baseline {b.get('baseline_ns')}")
PY
}
if [[ $what == learn || $what == all ]]; then
  rm -rf /tmp/st; mkdir -p /tmp/st
  ARBITER_DEV_SECCOMP_LOG=1 timeout 120 /opt/arbiter/bin/strace -ff -ttt -qq -o /tmp/st/t \
    $A run examples/vectoradd examples/vectoradd/submissions/honest.cu --mode test --json "$OUT/learn.json" > "$OUT/learn.txt" 2>&1
  summary "$OUT/learn.json"
  python3 bench/cuda/strace_after_filter.py /tmp/st > "$OUT/syscalls.txt"; cat "$OUT/syscalls.txt" | head -80
  python3 bench/cuda/contestant_failures.py /tmp/st > "$OUT/failures.txt"; head -c 6000 "$OUT/failures.txt"
  ls -la /dev/nvidia* /proc/driver/nvidia 2>&1 | head -20
  (dmesg 2>/dev/null | grep -E "type=1326|audit" | tail -20) || true
fi
if [[ $what == judge || $what == all ]]; then
  $A sandbox-check 2>&1 | tail -25
  for m in test benchmark leaderboard; do
    $A run examples/vectoradd examples/vectoradd/submissions/honest.cu --mode $m --json "$OUT/va-$m.json" > /dev/null 2>"$OUT/va-$m.err"
  done
  $A run examples/vectoradd examples/vectoradd/submissions/wrong.cu --mode test --json "$OUT/va-wrong.json" > /dev/null 2>&1
  $A run examples/matmul examples/matmul/submissions/honest.cu --mode benchmark --json "$OUT/mm.json" > /dev/null 2>&1
  summary "$OUT"/va-*.json "$OUT/mm.json"
  tail -3 "$OUT"/va-test.err
  timeout 400 $A redteam redteam/gpu 2>&1 | tee "$OUT/redteam-gpu.txt" | tail -30
fi
if [[ $what == device ]]; then
  # The device trust level (kernels only, launched by the harness) beside the host level, the same
  # kernel in both; a prebuilt cubin and PTX; the wrong one; profile mode; the GPU red team; and the
  # stage timestamps of whole runs (where a CUDA C++ ranked run spends its time).
  V=examples/vectoradd; S=$V/submissions; NVCC=$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)
  exec 3>&1  # wall's figure goes to the session's stdout even when the command's output is discarded
  wall() { local t0; t0=$(date +%s.%N); "$@"; python3 -c "import sys; print(f'  wall {float(sys.argv[2]) - float(sys.argv[1]):.2f} s  {sys.argv[3:]}')" "$t0" "$(date +%s.%N)" "$@" >&3; }
  for r in 1 2 3; do
    for f in kernels.cu honest.cu; do
      wall $A run $V $S/$f --mode benchmark --no-baseline --json "$OUT/dev-$f-b$r.json" > /dev/null 2>&1
    done
  done
  summary "$OUT"/dev-*-b?.json
  $NVCC -cubin -arch=sm_90a -o /tmp/k.cubin $S/kernels.cu && wall $A run $V /tmp/k.cubin --mode ranked --json "$OUT/dev-cubin-ranked.json" > /dev/null 2>&1
  $NVCC -ptx -arch=compute_90 -o /tmp/k.ptx $S/kernels.cu && wall $A run $V /tmp/k.ptx --mode test --json "$OUT/dev-ptx-test.json" > /dev/null 2>&1
  wall $A run $V $S/kernels_wrong.cu --mode test --json "$OUT/dev-wrong.json" > /dev/null 2>&1
  wall $A run examples/prefixsum examples/prefixsum/submissions/kernels.cu --mode ranked --json "$OUT/dev-scan-ranked.json" > /dev/null 2>&1
  summary "$OUT/dev-scan-ranked.json"
  wall $A run $V $S/honest.cu --trust device --mode test --json "$OUT/dev-host-as-device.json" > /dev/null 2>&1
  summary "$OUT"/dev-cubin-ranked.json "$OUT"/dev-ptx-test.json "$OUT"/dev-wrong.json "$OUT"/dev-host-as-device.json
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('trust', r.get('trust_level'), 'launch', r.get('launch'), 'phases', [(p['mode'], p['verdict']) for p in r.get('phases', [])])" "$OUT/dev-cubin-ranked.json"
  $A run $V $S/kernels.cu --mode profile --json "$OUT/dev-prof.json" > /dev/null 2>"$OUT/dev-prof.err"; summary "$OUT/dev-prof.json"
  grep -v "^\s*$" "$OUT/dev-prof.err" | tail -12
  for f in kernels.cu honest.cu; do
    for b in --no-baseline ""; do
      echo "== stages: $f ranked $b"; wall env ARBITER_DEBUG_STAGES=1 $A run $V $S/$f --mode ranked $b --json "$OUT/stages-$f$b.json" 2>&1 >/dev/null | grep -E "^\[" | tail -14
    done
  done
  timeout 500 $A redteam redteam/gpu 2>&1 | tee "$OUT/redteam-gpu.txt" | tail -30
fi
if [[ $what == profile || $what == all ]]; then
  # --mode profile: rates against the calibrated peaks, and the same kernels under Nsight Compute.
  $A run examples/vectoradd examples/vectoradd/submissions/honest.cu --mode profile --json "$OUT/va-prof.json" > /dev/null 2>"$OUT/va-prof.err"
  $A run examples/matmul examples/matmul/submissions/honest.cu --mode profile --json "$OUT/mm-prof.json" > /dev/null 2>"$OUT/mm-prof.err"
  summary "$OUT/va-prof.json" "$OUT/mm-prof.json"
  cat "$OUT/va-prof.err" "$OUT/mm-prof.err" | grep -v "^\s*$" | tail -30
fi
if [[ $what == ncu ]]; then
  # The same kernels timed three ways: Arbiter (three benchmark runs), events outside Arbiter,
  # Nsight Compute's kernel duration (clocks left as they are).
  flags="-std=c++20 -O3 -Iinclude -gencode=arch=compute_90a,code=sm_90a -shared -Xcompiler -fPIC"
  nvcc $flags examples/vectoradd/submissions/honest.cu -o /tmp/va.so && nvcc $flags examples/matmul/submissions/honest.cu -o /tmp/mm.so
  nvcc -std=c++17 -O2 -Iinclude -arch=sm_90 bench/cuda/kernel_timer.cu -o /tmp/kt -ldl
  for r in 1 2 3; do
    $A run examples/vectoradd examples/vectoradd/submissions/honest.cu --mode benchmark --json "$OUT/va-b$r.json" > /dev/null 2>&1
    $A run examples/matmul examples/matmul/submissions/honest.cu --mode benchmark --json "$OUT/mm-b$r.json" > /dev/null 2>&1
  done
  summary "$OUT"/va-b?.json "$OUT"/mm-b?.json
  for n in 65536 1048576; do echo "vectoradd n=$n"; /tmp/kt /tmp/va.so $n 200
    ncu --clock-control none --metrics gpu__time_duration.sum --csv /tmp/kt /tmp/va.so $n 40 2>/dev/null | python3 bench/cuda/ncu_mean.py; done
  for s in 128 384; do echo "matmul $s"; /tmp/kt /tmp/mm.so $s $s $s 200
    ncu --clock-control none --metrics gpu__time_duration.sum --csv /tmp/kt /tmp/mm.so $s $s $s 40 2>/dev/null | python3 bench/cuda/ncu_mean.py; done
fi
RK=${RK:-.dev/rk/problems/pmpp_v2}
if [[ $what == pylearn ]]; then
  # The Python contestant on the GPU with a log-only filter under strace: what torch + CUDA ask for.
  rm -rf /tmp/st; mkdir -p /tmp/st
  ARBITER_DEV_SECCOMP_LOG=1 timeout 300 /opt/arbiter/bin/strace -ff -ttt -qq -o /tmp/st/t \
    $A run $RK/vectoradd_py $RK/vectoradd_py/submission.py --mode test --json "$OUT/pylearn.json" > "$OUT/pylearn.txt" 2>&1
  summary "$OUT/pylearn.json"; tail -5 "$OUT/pylearn.txt"
  python3 bench/cuda/strace_after_filter.py /tmp/st > "$OUT/pysyscalls.txt"; head -60 "$OUT/pysyscalls.txt"
  python3 bench/cuda/contestant_failures.py /tmp/st > "$OUT/pyfailures.txt"; head -c 5000 "$OUT/pyfailures.txt"
fi
if [[ $what == cpulearn ]]; then
  # A CPU task.yml problem on the GPU host (its contestant gets no GPU) with a log-only filter
  # under strace: what this host's PyTorch asks for without CUDA.
  rm -rf /tmp/st; mkdir -p /tmp/st
  T=examples/taskyml/vectoradd_cpu
  ARBITER_DEV_SECCOMP_LOG=1 timeout 300 /opt/arbiter/bin/strace -ff -ttt -qq -o /tmp/st/t \
    $A run $T $T/submissions/honest.py --mode benchmark --no-baseline --json "$OUT/cpulearn.json" > "$OUT/cpulearn.txt" 2>&1
  summary "$OUT/cpulearn.json"
  python3 bench/cuda/strace_after_filter.py /tmp/st > "$OUT/cpusyscalls.txt"; head -100 "$OUT/cpusyscalls.txt"
fi
if [[ $what == boxwrites ]]; then
  # One run (PICK's first item) with a log-only filter under strace: what the timed contestant
  # tries to write (bench/cuda/box_writes.py).
  item=${PICK%% *}; sub=${item%%:*}; mode=${item##*:}; p=${sub%%/*}
  rm -rf /tmp/st; mkdir -p /tmp/st
  ARBITER_DEV_SECCOMP_LOG=1 timeout 300 /opt/arbiter/bin/strace -ff -ttt -qq -s 256 -o /tmp/st/t \
    $A run "$RK/$p" "$RK/$sub" --mode "$mode" --json "$OUT/boxwrites.json" > "$OUT/boxwrites.txt" 2>&1
  summary "$OUT/boxwrites.json"
  python3 bench/cuda/box_writes.py /tmp/st > "$OUT/box_writes.txt"; head -c 8000 "$OUT/box_writes.txt"
fi
if [[ $what == sharing ]]; then
  # Both ways of sharing judge-owned GPU buffers with the sandboxed contestant: what sandbox-check
  # says, then the same runs and the GPU red team by POSIX descriptor and by legacy IPC handle.
  $A sandbox-check 2>&1 | grep -E "GPU buffer|namespaces"
  V=examples/vectoradd
  for how in fd ipc; do
    echo "== ARBITER_GPU_SHARING=$how"
    for f in honest.cu kernels.cu; do
      ARBITER_GPU_SHARING=$how $A run $V $V/submissions/$f --mode benchmark --json "$OUT/sh-$how-${f%.cu}.json" > /dev/null 2>"$OUT/sh-$how-${f%.cu}.err"
    done
    ARBITER_GPU_SHARING=$how $A run $V $V/submissions/wrong.cu --mode test --json "$OUT/sh-$how-wrong.json" > /dev/null 2>&1
    ARBITER_GPU_SHARING=$how timeout 300 $A run "$RK/vectoradd_py" "$RK/vectoradd_py/submission.py" --mode benchmark \
      --json "$OUT/sh-$how-py.json" > /dev/null 2>"$OUT/sh-$how-py.err"
    summary "$OUT"/sh-$how-*.json
    python3 -c "import json,sys; print('buffer_sharing:', json.load(open(sys.argv[1]))['device'].get('buffer_sharing'))" "$OUT/sh-$how-honest.json"
    ARBITER_GPU_SHARING=$how timeout 400 $A redteam redteam/gpu > "$OUT/redteam-$how.txt" 2>&1; tail -4 "$OUT/redteam-$how.txt"
    grep -iE "fail|not defeated|error" "$OUT/redteam-$how.txt" | head -10
  done
  ARBITER_GPU_SHARING=bogus $A run $V $V/submissions/honest.cu --mode test 2>&1 | tail -2
fi
if [[ $what == pyranked ]]; then
  # Whole Python ranked runs with and without the same-run baseline, alternating, on one warm GPU
  # (the baseline's start-up now overlaps the submission's), and where one run spends its time.
  exec 3>&1
  wall() { local t0; t0=$(date +%s.%N); "$@"; python3 -c "import sys; print(f'  wall {float(sys.argv[2]) - float(sys.argv[1]):.2f} s  {sys.argv[3:]}')" "$t0" "$(date +%s.%N)" "$@" >&3; }
  for p in vectoradd_py grayscale_py; do
    for r in 1 2 3; do
      for b in --no-baseline ""; do
        wall $A run "$RK/$p" "$RK/$p/submission.py" --mode ranked $b --json "$OUT/pr-$p-$r$b.json" > /dev/null 2>"$OUT/pr-$p-$r$b.err"
      done
    done
    summary "$OUT/pr-$p-3.json"
  done
  echo "== stages: vectoradd_py ranked with its baseline"
  ARBITER_DEBUG_STAGES=1 $A run "$RK/vectoradd_py" "$RK/vectoradd_py/submission.py" --mode ranked --json "$OUT/pr-stages.json" 2>&1 >/dev/null | grep -E "^\[" | tail -40
fi
if [[ $what == cxxranked-ab ]]; then
  # CUDA C++ ranked runs, this judge against an older one (OLD_BUNDLE), alternating on one warm GPU,
  # with and without the same-run baseline; then each judge's stages of one run.
  mkdir -p /opt/arbiter-old && tar -C /opt/arbiter-old -xJf "${OLD_BUNDLE:?old bundle}" && /opt/arbiter-old/install.sh
  B=/opt/arbiter-old/bin/arbiter V=examples/vectoradd
  exec 3>&1
  wall() { local t0; t0=$(date +%s.%N); "$@"; python3 -c "import sys; print(f'  wall {float(sys.argv[2]) - float(sys.argv[1]):.2f} s  {sys.argv[3]} {sys.argv[8:]}')" "$t0" "$(date +%s.%N)" "$@" >&3; }
  $A run $V $V/submissions/honest.cu --mode test > /dev/null 2>&1  # page cache, the baseline's build cache
  for b in --no-baseline ""; do
    for r in 1 2 3; do
      for j in old new; do
        J=$A; [[ $j == old ]] && J=$B
        wall $J run $V $V/submissions/honest.cu --mode ranked $b --json "$OUT/cxx-$j${b:--baseline}-$r.json" > /dev/null 2>&1
      done
    done
  done
  summary "$OUT/cxx-old-baseline-3.json" "$OUT/cxx-new-baseline-3.json"
  for j in old new; do
    J=$A; [[ $j == old ]] && J=$B
    echo "== stages ($j judge): honest.cu ranked ${STAGES_ARGS---no-baseline}"
    ARBITER_DEBUG_STAGES=1 $J run $V $V/submissions/honest.cu --mode ranked ${STAGES_ARGS---no-baseline} 2>&1 >/dev/null | grep -E "^\[" | tail -${STAGES_TAIL:-40}
  done
fi
if [[ $what == nvcc-split-ab ]]; then
  # CUDA C++ ranked runs with nvcc as it is (ARBITER_NVCC_SPLIT=0) and with its front ends side by
  # side (judge/nvcc_split.hpp), alternating on one warm GPU; then each one's stages; then the GPU
  # red team (its CUDA C++ entries build through the split).
  V=examples/vectoradd
  exec 3>&1
  wall() { local t0; t0=$(date +%s.%N); "$@"; python3 -c "import sys; print(f'  wall {float(sys.argv[2]) - float(sys.argv[1]):.2f} s  {sys.argv[4]} {\"--no-baseline\" if \"--no-baseline\" in sys.argv else \"with baseline\"}')" "$t0" "$(date +%s.%N)" "$@" >&3; }
  $A run $V $V/submissions/honest.cu --mode test > /dev/null 2>&1  # page cache, the baseline's build cache
  for b in --no-baseline ""; do
    for r in 1 2 3; do
      for split in 0 1; do
        wall env ARBITER_NVCC_SPLIT=$split $A run $V $V/submissions/honest.cu --mode ranked $b --json "$OUT/split$split${b:--baseline}-$r.json" > /dev/null 2>&1
      done
    done
  done
  summary "$OUT/split0-baseline-3.json" "$OUT/split1-baseline-3.json"
  for split in 0 1; do
    echo "== stages (ARBITER_NVCC_SPLIT=$split): honest.cu ranked --no-baseline"
    ARBITER_NVCC_SPLIT=$split ARBITER_DEBUG_STAGES=1 $A run $V $V/submissions/honest.cu --mode ranked --no-baseline 2>&1 >/dev/null | grep -E "^\[" | head -12
  done
  timeout 400 $A redteam redteam/gpu 2>&1 | tee "$OUT/redteam-gpu.txt" | tail -25
fi
if [[ $what == eval-harness ]]; then
  # Upstream's own eval.py (--harness eval) beside Arbiter's harness on the same submissions:
  # vectoradd_py ranked (wall time of each), then each submission of EH_SUBS (default: conv2d_py's
  # and grayscale's sample) in EH_MODE (test), one line each: both verdicts and wall times.
  if [[ -z ${EH_SUBS:-} ]]; then
    # The box's walls on this host (network, namespaces, seccomp, cgroup), with the GPU's devices in it.
    $A run tests/python/eval_pool_cpu tests/python/submissions/box_walls.py --mode test --harness eval \
      --json "$OUT/eh-walls.json" > /dev/null 2>&1
    python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('box walls:', r['verdict'], r['reason'][-300:], r['sandbox'])" "$OUT/eh-walls.json"
    for h in arbiter eval; do
      flag=; [[ $h == eval ]] && flag="--harness eval"
      t0=$(date +%s.%N)
      $A run "$RK/vectoradd_py" "$RK/vectoradd_py/submission.py" --mode ranked --no-baseline $flag --json "$OUT/eh-va-$h.json" > /dev/null 2>&1
      echo "vectoradd_py ranked, harness $h: wall $(python3 -c "import time; print(round(time.time() - $t0, 2))") s"
      summary "$OUT/eh-va-$h.json"
    done
  fi
  for sub in ${EH_SUBS:-"$RK"/conv2d_py/submission.py "$RK"/conv2d_py/solutions/*/*.py "$RK"/grayscale_py/submission.py}; do
    n=$(echo "${sub#$RK/}" | tr '/' '-'); line="$n"
    pd=${sub%%/solutions/*}; [[ $pd == "$sub" ]] && pd=$(dirname "$sub")
    for h in arbiter eval; do
      flag=; [[ $h == eval ]] && flag="--harness eval"
      t0=$(date +%s.%N)
      timeout 300 $A run "$pd" "$sub" --mode "${EH_MODE:-test}" --no-baseline $flag --json "$OUT/eh-$n-$h.json" > /dev/null 2>&1
      v=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(r['verdict'], '|', ' '.join(r['reason'].split())[-90:])" "$OUT/eh-$n-$h.json" 2>/dev/null || echo "no report")
      line="$line || $h $(python3 -c "import time; print(round(time.time() - $t0, 1))") s: $v"
    done
    echo "$line"
  done
fi
if [[ $what == eigh ]]; then
  # linalg eigh: where an iteration goes outside Arbiter (draw, call, check), then one phase
  # (EIGH_MODE, default benchmark) with its stages.
  E=$RK/../linalg/eigh_py
  (cd "$E" && timeout 200 python3 "$OLDPWD/bench/cuda/draw_cost.py" . '{"batch": 640, "n": 512, "cond": 2, "seed": 1029}' \
     '{"batch": 60, "n": 1024, "cond": 2, "seed": 75342}' '{"batch": 8, "n": 2048, "cond": 1, "seed": 224466}') 2>&1 | tail -12
  ARBITER_DEBUG_STAGES=1 timeout ${EIGH_S:-400} $A run "$E" "$E/submission.py" --mode ${EIGH_MODE:-benchmark} --no-baseline \
    --json "$OUT/eigh-${EIGH_MODE:-benchmark}.json" > "$OUT/eigh.out" 2> "$OUT/eigh.err"
  echo "rc $?"; grep -E "^\[" "$OUT/eigh.err" | tail -80; summary "$OUT/eigh-${EIGH_MODE:-benchmark}.json"
fi
if [[ $what == warmup-ab ]]; then
  # Python submissions that build (torch.compile, Triton, load_inline): this judge against an older
  # one (OLD_BUNDLE), alternating on one warm GPU, WU_MODE (test) --no-baseline: wall time, verdict,
  # the warm-up's passes and seconds.
  mkdir -p /opt/arbiter-old && tar -C /opt/arbiter-old -xJf "${OLD_BUNDLE:?old bundle}" && /opt/arbiter-old/install.sh
  B=/opt/arbiter-old/bin/arbiter
  for sub in ${WU_SUBS:-"$RK"/sort_py/solutions/correct/ref.py "$RK"/vectoradd_py/solutions/correct/submission_triton.py}; do
    pd=${sub%%/solutions/*}; [[ $pd == "$sub" ]] && pd=$(dirname "$sub")
    for r in 1 2; do
      for j in old new; do
        J=$A; [[ $j == old ]] && J=$B
        t0=$(date +%s.%N)
        timeout 300 $J run "$pd" "$sub" --mode "${WU_MODE:-test}" --no-baseline --json "$OUT/wu-$j-$r.json" > /dev/null 2>&1
        python3 -c "import json,sys,time; r=json.load(open(sys.argv[1])); t=r.get('timing',{}); print(f'{sys.argv[3]:50} {sys.argv[2]} run {sys.argv[4]}: wall {time.time()-float(sys.argv[5]):.1f} s', r['verdict'], 'passes', t.get('warm_up_passes'), 'compile_s', t.get('compile_s'), r['reason'][:120])" \
          "$OUT/wu-$j-$r.json" $j "${sub#$RK/}" $r $t0 2>/dev/null || echo "$j: no report"
      done
    done
  done
fi
if [[ $what == pyranked-ab ]]; then
  # This judge against an older one (OLD_BUNDLE: its device-bundle archive) on one warm GPU,
  # alternating: Python ranked runs with their same-run baseline, then where one run's time goes,
  # then a CPU task.yml problem whose submission reaches for the GPU (redteam/python/gpu_for_cpu_problem).
  mkdir -p /opt/arbiter-old && tar -C /opt/arbiter-old -xJf "${OLD_BUNDLE:?old bundle}" && /opt/arbiter-old/install.sh
  B=/opt/arbiter-old/bin/arbiter
  exec 3>&1
  wall() { local t0; t0=$(date +%s.%N); "$@"; python3 -c "import sys; print(f'  wall {float(sys.argv[2]) - float(sys.argv[1]):.2f} s  {sys.argv[3]} {sys.argv[5].split(\"/\")[-1]} {sys.argv[7:]}')" "$t0" "$(date +%s.%N)" "$@" >&3; }
  for p in ${PROBS:-vectoradd_py grayscale_py}; do
    for r in 1 2; do
      for j in old new; do
        J=$A; [[ $j == old ]] && J=$B
        wall $J run "$RK/$p" "$RK/$p/submission.py" --mode ranked --json "$OUT/ab-$p-$j-$r.json" > /dev/null 2>"$OUT/ab-$p-$j-$r.err"
      done
    done
    wall $A run "$RK/$p" "$RK/$p/submission.py" --mode ranked --no-baseline --json "$OUT/ab-$p-nobase.json" > /dev/null 2>&1
    summary "$OUT/ab-$p-old-2.json" "$OUT/ab-$p-new-2.json"
  done
  for j in old new; do
    J=$A; [[ $j == old ]] && J=$B
    echo "== stages ($j judge): vectoradd_py ranked with its baseline"
    ARBITER_DEBUG_STAGES=1 $J run "$RK/vectoradd_py" "$RK/vectoradd_py/submission.py" --mode ranked --json "$OUT/ab-stages-$j.json" 2>&1 >/dev/null | grep -E "^\[" | tail -60
  done
  T=examples/taskyml/vectoradd_cpu
  for j in old new; do
    J=$A; [[ $j == old ]] && J=$B
    $J run $T redteam/python/gpu_for_cpu_problem/submission.py --mode test --json "$OUT/cpu-gpu-$j.json" > /dev/null 2>&1
    $J run $T $T/submissions/honest.py --mode benchmark --json "$OUT/cpu-honest-$j.json" > /dev/null 2>&1
    echo "== CPU problem on the GPU host ($j judge)"; summary "$OUT/cpu-gpu-$j.json" "$OUT/cpu-honest-$j.json"
  done
fi
if [[ $what == ncu-pmpp ]]; then
  # Every pmpp_v2 sample submission: Arbiter's benchmark means per shape beside Nsight Compute's
  # kernel time per call outside Arbiter (bench/cuda/pmpp_ncu.py; a call's kernels summed).
  for dir in ${PROBS:-"$RK"/*_py}; do  # PROBS: some problem folders only
    p=$(basename "$dir")
    timeout 300 $A run "$dir" "$dir/submission.py" --mode benchmark --no-baseline --json "$OUT/ncu-$p.json" > /dev/null 2>"$OUT/ncu-$p.err"
    summary "$OUT/ncu-$p.json"
    timeout 120 ncu --profile-from-start off --clock-control none --metrics gpu__time_duration.sum --csv \
      python3 bench/cuda/pmpp_ncu.py "$dir" "$dir/submission.py" 5 > "$OUT/ncu-$p.csv" 2>"$OUT/ncu-$p.ncu.err"
    python3 bench/cuda/pmpp_ncu.py --sum "$OUT/ncu-$p.csv" 5 || tail -5 "$OUT/ncu-$p.ncu.err"
  done
fi
if [[ $what == pick ]]; then
  # PICK="problem/submission.py:mode …" (paths under $RK): just those runs, summarised.
  for item in $PICK; do
    sub=${item%%:*}; mode=${item##*:}; p=${sub%%/*}; n=$(echo "$sub" | tr '/' '-' | sed 's/\.py$//')-$mode
    t0=$(date +%s.%N)
    timeout 400 $A run "$RK/$p" "$RK/$sub" --mode "$mode" --json "$OUT/$n.json" > /dev/null 2>"$OUT/$n.err"
    echo "$n: wall $(python3 -c "import time; print(round(time.time() - $t0, 1))") s"
    summary "$OUT/$n.json"; grep -v '^\s*$' "$OUT/$n.err" | tail -4
  done
fi
if [[ $what == upstream ]]; then
  # UPSTREAM="problem/submission.py:mode …": reference-kernels' own eval.py on the problem's tests
  # (benchmarks for benchmark/leaderboard), in a copy of the problem's folder; its log and wall time.
  for item in $UPSTREAM; do
    sub=${item%%:*}; mode=${item##*:}; p=${sub%%/*}; d=$(mktemp -d)
    cp "$RK/$p"/*.py "$RK"/eval.py "$RK"/utils.py "$d"/ && cp "$RK/$sub" "$d/submission.py"
    key=tests; [[ $mode == test ]] || key=benchmarks
    python3 - "$RK/$p/task.yml" "$key" > "$d/cases.txt" <<'PY'
import json, re, sys
section = None
for line in open(sys.argv[1]):  # the cases are one flow mapping a line: JSON
    if re.match(r"^\w", line): section = line.split(":")[0]
    elif section == sys.argv[2] and line.strip().startswith("- {"):
        print("; ".join(f"{k}: {v}" for k, v in json.loads(line.strip()[2:]).items()))
PY
    t0=$(date +%s.%N)
    (cd "$d" && POPCORN_FD=1 timeout 400 python3 eval.py "$mode" cases.txt > "$OUT/upstream-$p-$mode.log" 2>&1)
    rc=$?; echo "upstream $sub $mode: rc $rc wall $(python3 -c "import time; print(round(time.time() - $t0, 1))") s"
    grep -E "check|error|status|mean" "$OUT/upstream-$p-$mode.log" | head -12
  done
fi
if [[ $what == linalg ]]; then
  # reference-kernels' linalg set (LA, default .dev/rk/problems/linalg): each problem's sample and
  # submissions/*.py in LINALG_MODES (default "test") with LINALG_ARGS (e.g. "--runs 3"), for the
  # problems LINALG_ONLY names (space-separated; default all); bench/cuda/linalg_wrong/* in test mode unless NO_WRONG.
  LA=${LA:-.dev/rk/problems/linalg}
  for dir in "$LA"/*/; do
    p=$(basename "$dir")
    [[ -z ${LINALG_ONLY:-} || " $LINALG_ONLY " == *" $p "* ]] || continue
    for sub in "$dir/submission.py" "$dir"/submissions/*.py; do
      [[ -f $sub ]] || continue
      for mode in ${LINALG_MODES:-test}; do
        n=$p-$(basename "$sub" .py)-$mode; t0=$(date +%s.%N)
        timeout 400 $A run "$dir" "$sub" --mode "$mode" ${LINALG_ARGS:-} --json "$OUT/$n.json" > /dev/null 2>"$OUT/$n.err"
        echo "$n: wall $(python3 -c "import time; print(round(time.time() - $t0, 1))") s"; summary "$OUT/$n.json"
      done
    done
  done
  for sub in bench/cuda/linalg_wrong/*.py; do
    [[ -z ${NO_WRONG:-} ]] || break
    b=$(basename "$sub" .py); case $b in cholesky*) p=cholesky_py;; eigh*) p=eigh_py;; qr*) p=qr_py;; esac
    timeout 300 $A run "$LA/$p" "$sub" --mode test --json "$OUT/wrong-$b.json" > /dev/null 2>&1
    summary "$OUT/wrong-$b.json"
  done
fi
if [[ $what == python || $what == all ]]; then
  # Every pmpp_v2 problem, unmodified: its sample submission and solutions/correct/* through test and
  # benchmark (with the same-run baseline), solutions/wrong/* through test.
  for dir in "$RK"/*_py; do
    p=$(basename "$dir")
    for sub in "$dir/submission.py" "$dir"/solutions/correct/*.py; do
      [[ -f $sub ]] || continue
      n=$p-$(basename "$sub" .py)
      timeout 300 $A run "$dir" "$sub" --mode test --json "$OUT/$n-test.json" > /dev/null 2>"$OUT/$n-test.err"
      timeout 400 $A run "$dir" "$sub" --mode benchmark --json "$OUT/$n-bench.json" > /dev/null 2>"$OUT/$n-bench.err"
      summary "$OUT/$n-test.json" "$OUT/$n-bench.json"
    done
    for sub in "$dir"/solutions/wrong/*.py; do
      [[ -f $sub ]] || continue
      n=$p-wrong-$(basename "$sub" .py)
      timeout 300 $A run "$dir" "$sub" --mode test --json "$OUT/$n.json" > /dev/null 2>"$OUT/$n.err"
      summary "$OUT/$n.json"
    done
  done
fi
