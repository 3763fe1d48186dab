#!/usr/bin/env bash
# clang-tidy over our own sources (checks in .clang-tidy); fails on any warning.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
# The judge/contestant core: the code a score's integrity rests on.
# (git's * crosses folders: the Python path under src/judge/python and src/contestant/python is in.)
files=$(git ls-files 'src/core/*.cpp' 'src/problem/*.cpp' 'src/wire/*.cpp' 'src/sandbox/*.cpp' 'src/backend/*.cpp' \
  'src/contestant/*.cpp' 'src/judge/*.cpp' | grep -v '/fuzz/')
out=$(mktemp)
printf '%s\n' $files | xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet >"$out" 2>/dev/null || true
if grep -E "(warning|error):" "$out"; then
  echo "clang-tidy: findings above"
  exit 1
fi
echo "clang-tidy: clean ($(printf '%s\n' $files | wc -l) files)"
