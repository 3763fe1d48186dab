#!/usr/bin/env bash
# Runs one Python submission through `arbiter run` and checks the report's verdict.
# usage: expect_verdict.sh ARBITER PROBLEM SUBMISSION MODE VERDICT[,VERDICT…] [extra run args…]
# EXPECT_REASON (environment), when set: a regular expression the report's reason must match.
# EXPECT_REPORT (environment), when set: a Python expression over the report `r` that must be true.
# WITH_BASELINE (environment), when set: also time the problem's baseline (left out otherwise: it
# doubles a passing benchmark run, and only the tests that read the speedup need it).
set -uo pipefail
arbiter=$1 problem=$2 submission=$3 mode=$4 want=$5
shift 5
baseline_arg=--no-baseline
[ -n "${WITH_BASELINE:-}" ] && baseline_arg=
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$arbiter" run "$problem" "$submission" --mode "$mode" --runs 5 --quiet --key-dir "$out/keys" \
  --json "$out/report.json" $baseline_arg "$@"
rc=$?
if [ ! -s "$out/report.json" ]; then echo "no report (exit $rc)"; exit 1; fi
got=$(/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["verdict"]); print(r["reason"][:1500], file=sys.stderr)' "$out/report.json")
echo "verdict: $got (want $want)"
if [ -n "${EXPECT_REASON:-}" ]; then
  /usr/bin/python3 -c 'import json,re,sys; sys.exit(0 if re.search(sys.argv[2], json.load(open(sys.argv[1]))["reason"], re.S) else 1)' \
    "$out/report.json" "$EXPECT_REASON" || { echo "reason does not match: $EXPECT_REASON"; exit 1; }
fi
if [ -n "${EXPECT_REPORT:-}" ]; then
  /usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(json.dumps(r.get("sandbox"))); sys.exit(0 if eval(sys.argv[2]) else 1)' \
    "$out/report.json" "$EXPECT_REPORT" || { echo "report does not satisfy: $EXPECT_REPORT"; exit 1; }
fi
IFS=, read -ra allowed <<<"$want"
for v in "${allowed[@]}"; do [ "$v" = "$got" ] && exit 0; done
exit 1
