#!/usr/bin/env bash
# A throwaway PostgreSQL server for the service's tests, on 127.0.0.1 only.
#   pg.sh start [DIR]  -> initdb into DIR (default /tmp/arbiter-pg-test), start on a free port as the
#                         'postgres' user, print the URL and write it to DIR/url
#   pg.sh stop [DIR]   -> stop it and remove DIR
# Installs the Debian 'postgresql' package if initdb is missing (needs root and apt).
set -euo pipefail
cmd=${1:-start}
dir=${2:-/tmp/arbiter-pg-test}

find_bin() {
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/$1" ] && { echo "$d/$1"; return 0; }
  done
  command -v "$1" 2>/dev/null || return 1
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
start)
  if ! find_bin initdb >/dev/null; then
    echo "pg.sh: installing postgresql" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  initdb=$(find_bin initdb)
  pg_ctl=$(find_bin pg_ctl)
  if [ -f "$dir/url" ] && as_pg "$pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    cat "$dir/url"
    exit 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home "$dir" postgres
    chown postgres "$dir"
  fi
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_pg "$initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; echo "pg.sh: initdb failed" >&2; exit 1; }
  # Loopback only, no Unix socket outside the folder; fsync off: this server holds only test data.
  as_pg "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; echo "pg.sh: PostgreSQL did not start" >&2; exit 1; }
  url="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "$url" >"$dir/url"
  echo "$url"
  ;;
stop)
  pg_ctl=$(find_bin pg_ctl) || exit 0
  [ -d "$dir/data" ] && as_pg "$pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: pg.sh start|stop [DIR]" >&2
  exit 3
  ;;
esac
