import { randomFillSync } from "node:crypto";

// Secret tokens (invites, resume and refresh tokens) drawn from one pre-filled CSPRNG buffer, the way Node's own
// randomUUID() batches its entropy: on the start-session hot path a `randomBytes(32)` per request (a getrandom call
// and a fresh Buffer, through Next's wrapper of node:crypto) was 1.9% of the route's CPU. Each slice is handed out
// once and zeroed as it leaves, so the pool never holds a token that was issued.

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES; // empty until the first draw

/** `bytes` random bytes (at most the pool's size) as base64url: 32 bytes make a 43-character, 256-bit token. */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes <= 0 || bytes > POOL_BYTES)
    throw new RangeError(`randomToken: 1-${POOL_BYTES} bytes, not ${bytes}`);
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const slice = pool.subarray(offset, offset + bytes);
  const value = slice.toString("base64url");
  slice.fill(0);
  offset += bytes;
  return value;
}
