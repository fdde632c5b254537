#!/usr/bin/env bash
# The README's test command: sets up a fresh machine (Chromium and PostgreSQL from Debian, the npm
# lock file) and runs every check: typecheck, lint, unit + integration tests, the integration suite
# again on PostgreSQL (a private cluster in a temp dir on a Unix socket, started and stopped by the
# run: scripts/postgres/cluster.ts — never the system service), production build, extension build
# (`shopify app build`, offline) and the browser test. Prints "tests: N passed, N failed".
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
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== installing PostgreSQL (Debian package) for db:check and the PostgreSQL test pass"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  # Debian starts its own cluster on install; the tests never use it.
  $SUDO service postgresql stop >/dev/null 2>&1 || true
fi
echo "== $(ls -d /usr/lib/postgresql/*/bin | tail -1)/postgres: $("$(ls -d /usr/lib/postgresql/*/bin | tail -1)/postgres" --version)"
echo "== $(chromium --version 2>/dev/null || echo 'chromium missing'); node $(node --version); npm $(npm --version)"

npm ci --no-audit --no-fund
npm run validate
