#!/usr/bin/env bash
# Set-up on a fresh Debian 12 machine (as root): installs the dependencies, builds Arbiter
# into build/, and judges the bundled example, printing its signed report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo . >/dev/null
ninja -C build arbiter
echo
echo "== arbiter run examples/vectoradd examples/vectoradd/submissions/honest.cpp --mode leaderboard"
./build/src/cli/arbiter run examples/vectoradd examples/vectoradd/submissions/honest.cpp --mode leaderboard
