#!/usr/bin/env bash
# CI's first step on a clean clone: the README's demo command exactly as a newcomer runs it
# (`npm ci && npm run demo`), before anything else has generated or built. Waits for /healthz and
# /demo, then stops the demo. Fails with the demo's last lines when it is not up within 7 minutes (install, build and the
# 90-day history replay included).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node24.sh
port="${PORT:-3000}"
log="$(mktemp)"
echo "== README demo command: npm ci && npm run demo (node $(node --version), npm $(npm --version))"
setsid bash -c 'npm ci --no-audit --no-fund && npm run demo' >"$log" 2>&1 &
pid=$!
stop() {
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}
trap stop EXIT
deadline=$((SECONDS + ${DEMO_SMOKE_TIMEOUT:-420}))
up=""
while [ $SECONDS -lt $deadline ]; do
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true)
  demo=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/demo" || true)
  if [ "$health" = "200" ] && { [ "$demo" = "302" ] || [ "$demo" = "200" ]; }; then up=yes; break; fi
  sleep 2
done
if [ -z "$up" ]; then
  echo "!! the demo did not come up within ${DEMO_SMOKE_TIMEOUT:-420} s (healthz ${health:-none}, /demo ${demo:-none}); its last lines:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
echo "== demo up after ${SECONDS} s: /healthz 200, /demo $demo"
grep -E "Open the embedded admin|Supplier portal" "$log" | head -n 3 || true
