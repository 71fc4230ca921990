import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

// Route handlers in Next cannot see the socket, and Next only fills `x-forwarded-for` when a client did not send
// one. So the HTTP server stamps every request with the socket's address in this header (see instrumentation.ts),
// overwriting whatever a client sent. The value carries an HMAC under a per-process key, so a client-forged header
// is rejected even if the stamp were ever missing.

export const PEER_HEADER = "x-aii-peer";

const holder = globalThis as unknown as { __aiiPeerKey?: Buffer };
const key = (): Buffer => (holder.__aiiPeerKey ??= randomBytes(32));

// Clients come back with the same address, so each address is signed once per process: the HMAC at the stamp and
// again in requestMeta was 2.5% of start-session's CPU. Bounded: past the cap the cache starts over.
const SIGNATURE_CACHE_MAX = 10_000;
const signatures = new Map<string, string>();
function sign(address: string): string {
  let signature = signatures.get(address);
  if (signature === undefined) {
    signature = createHmac("sha256", key()).update(address).digest("base64url");
    if (signatures.size >= SIGNATURE_CACHE_MAX) signatures.clear();
    signatures.set(address, signature);
  }
  return signature;
}

export function peerHeaderValue(address: string): string {
  return `${address}|${sign(address)}`;
}

export function stampPeerAddress(req: IncomingMessage): void {
  req.headers[PEER_HEADER] = peerHeaderValue(req.socket?.remoteAddress ?? "");
}

/** The socket address, or null when the header is absent or not ours. */
export function readPeerAddress(headers: Headers): string | null {
  const raw = headers.get(PEER_HEADER);
  if (!raw) return null;
  const cut = raw.lastIndexOf("|");
  if (cut <= 0) return null;
  const address = raw.slice(0, cut);
  const expected = Buffer.from(sign(address));
  const given = Buffer.from(raw.slice(cut + 1));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return address;
}
