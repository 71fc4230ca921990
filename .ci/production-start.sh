#!/usr/bin/env bash
# What an operator runs, on a copy of this checkout: `npm ci --omit=dev && npm run build && npm start`.
#  1. The install has no devDependencies, and the build does not fetch any (Next installs TypeScript when missing).
#  2. `npm start` with real production settings on a throwaway PostgreSQL database: /health answers 200, a login
#     reaches the tables the server migrated as it booted, and SIGTERM stops it with exit 0.
#  3. `npm start` with nothing set (dev secrets in production) exits non-zero, lists the problems, never listens.
# Usage: .ci/production-start.sh <postgres://user:password@host:port> (a role that may CREATE DATABASE)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PG_BASE=$1
PORT=${PRODUCTION_START_PORT:-3295}
WORK=$(mktemp -d)
APP="$WORK/app"
DB="aii_ci_prod_$$"
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -KILL -- "-$SERVER_PID" 2>/dev/null || true; fi
  psql -q "$PG_BASE/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
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

echo "-- npm start with production settings"
psql -q -v ON_ERROR_STOP=1 "$PG_BASE/postgres" -c "CREATE DATABASE $DB"
SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
"${clean_env[@]}" PORT="$PORT" APP_URL="http://localhost:$PORT" DATABASE_URL="$PG_BASE/$DB" \
  AUTH_SECRET="$SECRET" JWT_SECRET="$SECRET-jwt" LIVEKIT_API_KEY=ci-livekit-key LIVEKIT_API_SECRET="$SECRET-livekit" \
  setsid npm start >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
health=""
for _ in $(seq 1 120); do
  health=$(curl -s -o "$WORK/health.json" -w '%{http_code}' "http://127.0.0.1:$PORT/health" || true)
  [ "$health" = 200 ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.5
done
[ "$health" = 200 ] || { cat "$WORK/server.log"; fail "/health answered '$health'"; }
echo "/health: $(cat "$WORK/health.json")"
login=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' \
  -d '{"email":"nobody@example.com","password":"not-the-password-1"}' "http://127.0.0.1:$PORT/api/v1/auth/login")
[ "$login" = 401 ] || { cat "$WORK/server.log"; fail "a login for an unknown user answered $login, not 401"; }
# SIGTERM to the process group, as systemd and container runtimes do (npm itself answers it with exit 143 at once).
kill -TERM -- "-$SERVER_PID"
wait "$SERVER_PID" || true
for _ in $(seq 1 75); do kill -0 -- "-$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
kill -0 -- "-$SERVER_PID" 2>/dev/null && { cat "$WORK/server.log"; fail "the server still runs 15 s after SIGTERM"; }
SERVER_PID=""
grep -q '"shutting down: draining requests"' "$WORK/server.log" || { cat "$WORK/server.log"; fail "no graceful shutdown"; }
echo "started, answered, stopped on SIGTERM"

echo "-- npm start with nothing set (dev secrets in production)"
"${clean_env[@]}" PORT="$PORT" DATA_DIR="$WORK/data" setsid npm start >"$WORK/misconfigured.log" 2>&1 &
SERVER_PID=$!
bound=no
for _ in $(seq 1 1500); do # up to 30 s, the port tried every 20 ms
  kill -0 "$SERVER_PID" 2>/dev/null || break
  listening && bound=yes
  sleep 0.02
done
kill -0 "$SERVER_PID" 2>/dev/null && { cat "$WORK/misconfigured.log"; fail "still running after 30 s"; }
code=0
wait "$SERVER_PID" || code=$?
SERVER_PID=""
cat "$WORK/misconfigured.log"
[ "$code" != 0 ] || fail "exited 0"
[ "$bound" = no ] || fail "the port was bound"
[ "$(grep -c 'Invalid configuration' "$WORK/misconfigured.log")" = 1 ] || fail "the problems were not listed once"
echo "refused to start (exit $code) without listening"
