#!/usr/bin/env bash
# Installs the pinned tree-sitter grammars (parser.c sources only; no native addon is built).
# Fast when already installed: compares the lock file with the installed marker.
set -euo pipefail
dir=$(cd "$(dirname "$0")/../../src/audit/grammars" && pwd)
marker="$dir/node_modules/.arbiter-installed"
if [ -f "$marker" ] && cmp -s "$dir/package.json" "$marker"; then exit 0; fi
command -v npm >/dev/null || { echo "audit.npm.sh: npm not found (apt-get install npm)" >&2; exit 1; }
(cd "$dir" && npm install --no-audit --no-fund --ignore-scripts --omit=dev --omit=peer --loglevel=error >/dev/null)
cp "$dir/package.json" "$marker"
