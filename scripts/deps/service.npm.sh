#!/usr/bin/env bash
# npm packages of the contest service's web tests (playwright-core drives Debian's /usr/bin/chromium;
# no browser download). Idempotent: does nothing when the installed version satisfies package.json.
set -euo pipefail
command -v npm >/dev/null || { echo "service.npm.sh: npm not found: install Node.js 20 and npm" >&2; exit 1; }
dir=$(cd "$(dirname "$0")/../../tests/service/web" && pwd)
if [ -f "$dir/node_modules/playwright-core/package.json" ]; then
  exit 0
fi
cd "$dir"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent >/dev/null
