#!/usr/bin/env bash
# The README's test command: sets up a fresh machine (Chromium from Debian, the npm lock file)
# and runs every check: typecheck, lint, unit + integration tests, production build, extension
# build (`shopify app build`, offline) and the browser test. Prints "tests: N passed, N failed".
# Everything runs on Node 24 LTS, installed under .tools/ when the machine's node is another major.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC
. scripts/node24.sh

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Chromium (Debian package) for the browser test"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
echo "== $(chromium --version 2>/dev/null || echo 'chromium missing'); node $(node --version); npm $(npm --version)"

npm ci --no-audit --no-fund
npm run validate
