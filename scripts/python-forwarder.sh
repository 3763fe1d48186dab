#!/usr/bin/env bash
# Builds the libpython3.so that arbiter-python-contestant loads (through its run path
# $ORIGIN/arbiter-python-lib) for a host whose Python is not the build machine's: a library with
# no code whose only NEEDED entry is that Python's libpython3.X.so (docs/PYTHON.md, stable ABI).
# Usage: scripts/python-forwarder.sh [PYTHON] [DIR]   (defaults: python3, next to the contestant)
set -euo pipefail
py=${1:-python3}
dir=${2:-$(dirname "$(readlink -f "$0")")/../build/src/cli/arbiter-python-lib}
lib=$("$py" -c 'import os, sysconfig as s; print(os.path.join(s.get_config_var("LIBDIR"), s.get_config_var("INSTSONAME")))')
[[ -f $lib ]] || { echo "$py has no shared libpython ($lib is missing): it cannot be embedded" >&2; exit 1; }
mkdir -p "$dir"
src=$(mktemp --suffix=.c); trap 'rm -f "$src"' EXIT
echo "/* libpython3.so forwarding to $lib */" > "$src"
${CC:-cc} -shared -o "$dir/libpython3.so" "$src" -Wl,--no-as-needed "$lib"
echo "$dir/libpython3.so -> $(basename "$lib")"
