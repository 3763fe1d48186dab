#!/usr/bin/env bash
# Runs one Python submission through `arbiter run` and checks the report's verdict.
# usage: expect_verdict.sh ARBITER PROBLEM SUBMISSION MODE VERDICT[,VERDICT…] [extra run args…]
set -uo pipefail
arbiter=$1 problem=$2 submission=$3 mode=$4 want=$5
shift 5
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$arbiter" run "$problem" "$submission" --mode "$mode" --runs 5 --quiet --key-dir "$out/keys" \
  --json "$out/report.json" "$@"
rc=$?
if [ ! -s "$out/report.json" ]; then echo "no report (exit $rc)"; exit 1; fi
got=$(/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["verdict"]); print(r["reason"][:400], file=sys.stderr)' "$out/report.json")
echo "verdict: $got (want $want)"
IFS=, read -ra allowed <<<"$want"
for v in "${allowed[@]}"; do [ "$v" = "$got" ] && exit 0; done
exit 1
