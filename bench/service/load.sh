#!/usr/bin/env bash
# Submission throughput of `arbiter serve` on loopback, for SQLite and PostgreSQL.
#   bench/service/load.sh [BUILD_DIR] [CLIENTS] [SECONDS]
# Starts a server per database (PostgreSQL via tests/service/pg.sh), a leaderboard without rate
# limits and one user, then runs arbiter-service-load. No workers run: this measures acceptance
# (upload, checks, durable insert of the submission and its jobs).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
clients=${2:-16}
seconds=${3:-10}
bin=$build/tests/service/arbiter-service-cli
[ -x "$build/src/cli/arbiter" ] && bin=$build/src/cli/arbiter
bin=${ARBITER_BIN:-$bin}
load=$build/bench/service/arbiter-service-load
tmp=$(mktemp -d /tmp/arbiter-load-XXXXXX)
chmod 755 "$tmp"  # the postgres user must reach $tmp/pg
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  "$root/tests/service/pg.sh" stop "$tmp/pg" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

run_one() {  # $1 label, $2 db url
  local label=$1 db=$2 p dir
  p=$(port)
  dir=$tmp/$label
  mkdir -p "$dir"
  "$bin" serve --db "$db" --port "$p" --data-dir "$dir" --quiet 2>"$dir/server.log" &
  pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$p/health" >/dev/null 2>&1 && break; sleep 0.1; done
  local admin url="http://127.0.0.1:$p"
  admin=$(cat "$dir/arbiter-admin-token")
  local files
  files=$(/usr/bin/python3 - "$root/examples/vectoradd" <<'PY'
import base64, json, os, sys
d = sys.argv[1]
print(json.dumps({n: base64.b64encode(open(os.path.join(d, n), "rb").read()).decode()
                  for n in os.listdir(d) if os.path.isfile(os.path.join(d, n))}))
PY
)
  curl -sf -X POST "$url/leaderboards" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"name\":\"load\",\"files\":$files,\"rate_limits\":{\"test\":0,\"benchmark\":0,\"leaderboard\":0}}" >/dev/null
  local user
  user=$(curl -sf -X POST "$url/admin/users" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"name":"loadtester"}' | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  echo -n "$label: "
  "$load" "$url" "$user" load --clients "$clients" --seconds "$seconds"
  kill "${pids[-1]}" 2>/dev/null || true
}

run_one sqlite "$tmp/sqlite/arbiter.db"
if [ "${ARBITER_SKIP_POSTGRES:-0}" != 1 ]; then
  pg=$("$root/tests/service/pg.sh" start "$tmp/pg")
  run_one postgres "${pg%/postgres}/postgres"
fi
