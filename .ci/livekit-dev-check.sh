#!/usr/bin/env bash
# `npm run livekit` with the repository's livekit.dev.yaml: the server must answer on :7880 and list rooms for the
# app's development key (what `npm run dev` uses), then stop cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
setsid npm run livekit >"$log" 2>&1 &
pid=$!
stop() { kill -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:7880/ >/dev/null && break; sleep 0.5; done
if ! curl -sf http://127.0.0.1:7880/ >/dev/null; then cat "$log"; echo "the development relay did not answer on :7880"; exit 1; fi
npx tsx -e '
import { RoomServiceClient } from "livekit-server-sdk";
import { LIVEKIT_DEV_KEY, LIVEKIT_DEV_SECRET } from "./lib/env";
new RoomServiceClient("http://127.0.0.1:7880", LIVEKIT_DEV_KEY, LIVEKIT_DEV_SECRET)
  .listRooms()
  .then((rooms) => console.log(`development relay answers: ${rooms.length} rooms`));
'
npx tsx --import ./scripts/register-server-only.mjs scripts/prepare.ts | grep "live relay"
