#!/usr/bin/env bash
# What an operator runs, on a copy of this checkout: `npm ci --omit=dev && npm run build && npm start`.
#  1. The install has no devDependencies, and the build does not fetch any (Next installs TypeScript when missing).
#  2. `npm start` with real production settings on a throwaway PostgreSQL database: /health answers 200, a login
#     reaches the tables the server migrated as it booted, and SIGTERM stops it with exit 0.
#  3. `npm start` with nothing set (dev secrets in production) exits non-zero, lists the problems, never listens.
#  4. The container image's folder, from the same build: scripts/build-standalone.mjs completes .next/standalone, which
#     is copied away as the Dockerfile copies it, and the checkout's node_modules are deleted, so that only the modules
#     Next traced remain. Its `node start.mjs` passes the checks of 2 on a second, empty database (migrations included)
#     and serves a stylesheet and the API reference; `node worker.mjs` starts and stops on SIGTERM; with nothing set it
#     refuses to start as in 3. What the image adds (Node 26, Debian's ffmpeg, the non-root user) is not tested here,
#     and the Dockerfile builds from a full install where this builds from a production one: the folder holds only
#     traced modules either way, but that it holds no devDependency is proven for this build only.
# Usage: .ci/production-start.sh <postgres://user:password@host:port> (a role that may CREATE DATABASE)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PG_BASE=$1
PORT=${PRODUCTION_START_PORT:-3295}
WORK=$(mktemp -d)
APP="$WORK/app"
IMAGE="$WORK/image" # what the Dockerfile's runtime stage holds in /app
DB="aii_ci_prod_$$"
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -KILL -- "-$SERVER_PID" 2>/dev/null || true; fi
  for db in "$DB" "${DB}_image"; do
    psql -q "$PG_BASE/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }
# The settings an operator would not have set; each run below says what it sets.
clean_env=(env -u LOCAL_DEMO -u NODE_ENV -u DATA_DIR -u DATABASE_URL -u APP_URL -u AUTH_SECRET -u JWT_SECRET
  -u LIVEKIT_API_KEY -u LIVEKIT_API_SECRET -u UPSTASH_REDIS_REST_URL -u UPSTASH_REDIS_REST_TOKEN)

listening && fail "port $PORT is taken"

# The checkout as it stands (tracked and new files, without ignored ones such as node_modules and .next).
mkdir "$APP"
(cd "$ROOT" && comm -z -23 <(git ls-files -z -co --exclude-standard | sort -z) <(git ls-files -z --deleted | sort -z) |
  tar --null -T - -cf -) | tar -xf - -C "$APP"
cd "$APP"

echo "-- npm ci --omit=dev"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --omit=dev --prefer-offline --no-audit --no-fund
echo "-- npm run build"
CI=true npm run build
for dev in tsx vitest drizzle-kit; do # (Playwright comes along as an optional peer of next)
  [ ! -e "node_modules/$dev" ] || fail "devDependency $dev is installed: not a production install"
done

SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
production_env=("${clean_env[@]}" PORT="$PORT" APP_URL="http://localhost:$PORT" AUTH_SECRET="$SECRET"
  JWT_SECRET="$SECRET-jwt" LIVEKIT_API_KEY=ci-livekit-key LIVEKIT_API_SECRET="$SECRET-livekit")

# serves <log> <database> <command...>: started with production settings on a new, empty database, the server answers
# /health with 200 and a login with 401 (the tables it migrated as it booted), and the command's SIGTERM stops it.
serves() {
  local log=$1 db=$2; shift 2
  psql -q -v ON_ERROR_STOP=1 "$PG_BASE/postgres" -c "CREATE DATABASE $db"
  "${production_env[@]}" DATABASE_URL="$PG_BASE/$db" setsid "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  local health=""
  for _ in $(seq 1 120); do
    health=$(curl -s -o "$WORK/health.json" -w '%{http_code}' "http://127.0.0.1:$PORT/health" || true)
    [ "$health" = 200 ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  [ "$health" = 200 ] || { cat "$log"; fail "/health answered '$health'"; }
  echo "/health: $(cat "$WORK/health.json")"
  local login
  login=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' \
    -d '{"email":"nobody@example.com","password":"not-the-password-1"}' "http://127.0.0.1:$PORT/api/v1/auth/login")
  [ "$login" = 401 ] || { cat "$log"; fail "a login for an unknown user answered $login, not 401"; }
  if [ -n "${CHECK_ASSETS:-}" ]; then check_assets "$log"; fi
  # SIGTERM to the process group, as systemd and container runtimes do.
  kill -TERM -- "-$SERVER_PID"
  local code=0
  wait "$SERVER_PID" || code=$?
  for _ in $(seq 1 75); do kill -0 -- "-$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
  kill -0 -- "-$SERVER_PID" 2>/dev/null && { cat "$log"; fail "the server still runs 15 s after SIGTERM"; }
  SERVER_PID=""
  # (npm is left out: it answers SIGTERM with exit 143 at once, whatever the server then does.)
  [ "$1" = npm ] || [ "$code" = 0 ] || { cat "$log"; fail "exit $code on SIGTERM, not 0"; }
  grep -q '"shutting down: draining requests"' "$log" || { cat "$log"; fail "no graceful shutdown"; }
  grep -q 'does not work with "output: standalone"' "$log" && { cat "$log"; fail "Next's misleading standalone warning"; }
  echo "started, answered, stopped on SIGTERM"
}

# check_assets <log>: what the standalone folder must carry besides the server: the pages' stylesheets (.next/static)
# and the API reference with the files its page loads (swagger-ui-dist), when the app has them.
check_assets() {
  local log=$1 css code ref
  css=$(curl -s "http://127.0.0.1:$PORT/login" | grep -o '/_next/static/[^"]*\.css' | head -n 1)
  [ -n "$css" ] || { cat "$log"; fail "the login page links no stylesheet"; }
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$css")
  [ "$code" = 200 ] || fail "$css answered $code"
  if [ -e "$APP/app/api/openapi.json" ]; then
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/openapi.json")
    [ "$code" = 200 ] || { cat "$log"; fail "/api/openapi.json answered $code"; }
  fi
  if [ -e "$APP/app/api/docs" ]; then
    code=$(curl -s -o "$WORK/docs.html" -w '%{http_code}' "http://127.0.0.1:$PORT/api/docs")
    [ "$code" = 200 ] || { cat "$log"; fail "/api/docs answered $code"; }
    for ref in $(grep -oE '(src|href)="/[^/"][^"]*"' "$WORK/docs.html" | sed -E 's/^[a-z]+="([^"]*)"$/\1/' | sort -u); do
      code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$ref")
      [ "$code" = 200 ] || { cat "$log"; fail "$ref (loaded by /api/docs) answered $code"; }
    done
  fi
  echo "static files and the API reference served"
}

# refuses <log> <command...>: with nothing set (dev secrets in production) the command exits non-zero, lists the
# problems once, and never binds the port.
refuses() {
  local log=$1; shift
  "${clean_env[@]}" PORT="$PORT" DATA_DIR="$WORK/data" setsid "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  local bound=no code=0
  for _ in $(seq 1 1500); do # up to 30 s, the port tried every 20 ms
    kill -0 "$SERVER_PID" 2>/dev/null || break
    listening && bound=yes
    sleep 0.02
  done
  kill -0 "$SERVER_PID" 2>/dev/null && { cat "$log"; fail "still running after 30 s"; }
  wait "$SERVER_PID" || code=$?
  SERVER_PID=""
  cat "$log"
  [ "$code" != 0 ] || fail "exited 0"
  [ "$bound" = no ] || fail "the port was bound"
  [ "$(grep -c 'Invalid configuration' "$log")" = 1 ] || fail "the problems were not listed once"
  echo "refused to start (exit $code) without listening"
}

echo "-- npm start with production settings"
serves "$WORK/server.log" "$DB" npm start

echo "-- npm start with nothing set (dev secrets in production)"
refuses "$WORK/misconfigured.log" npm start

echo "-- the image's folder: .next/standalone completed, copied away, without the checkout's node_modules"
# esbuild (for the worker bundle) is a devDependency: it comes from the checkout under test, as the image's build
# stage has it from its full install.
node "$ROOT/scripts/build-standalone.mjs"
cp -a .next/standalone "$IMAGE"
rm -rf "$APP/node_modules"
for dev in tsx vitest drizzle-kit esbuild eslint; do
  [ ! -e "$IMAGE/node_modules/$dev" ] || fail "devDependency $dev is in the standalone folder"
done
echo "standalone folder: $(du -sh "$IMAGE" | cut -f1), node_modules: $(ls "$IMAGE/node_modules" | wc -l) entries"
# The image runs the current Node LTS (Dockerfile), so its folder is booted on that Node, not on the machine's.
LTS_NODE=$("$ROOT/.ci/node-lts.sh" --node-path)
echo "image Node: $("$LTS_NODE" --version)"
cd "$IMAGE"

echo "-- node start.mjs (the image's CMD) with production settings, on the image's Node"
CHECK_ASSETS=1 serves "$WORK/image-server.log" "${DB}_image" "$LTS_NODE" start.mjs

echo "-- node worker.mjs (the compose worker) with production settings"
"${production_env[@]}" DATABASE_URL="$PG_BASE/${DB}_image" setsid "$LTS_NODE" worker.mjs >"$WORK/worker.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
  grep -qs '"worker.ready"' "$WORK/worker.log" && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.5
done
grep -q '"worker.ready"' "$WORK/worker.log" || { cat "$WORK/worker.log"; fail "the worker did not get ready"; }
kill -TERM -- "-$SERVER_PID"
code=0
wait "$SERVER_PID" || code=$?
SERVER_PID=""
[ "$code" = 0 ] || { cat "$WORK/worker.log"; fail "the worker exited $code on SIGTERM"; }
echo "worker ready, stopped on SIGTERM"

echo "-- node start.mjs with nothing set (dev secrets in production)"
refuses "$WORK/image-misconfigured.log" "$LTS_NODE" start.mjs
