import { isIP } from "node:net";

/**
 * The client's address. With no trusted proxies it is the socket peer. With `trustedHops` proxies in front, each
 * appends the address it saw to X-Forwarded-For, so the client is the entry `trustedHops` from the right; anything
 * further left was written by the client and is ignored.
 */
export function clientIp(input: {
  peer: string | null;
  forwardedFor: string | null;
  trustedHops: number;
}): string | null {
  const { peer, forwardedFor, trustedHops } = input;
  if (trustedHops === 0 || !forwardedFor) return normalize(peer);
  const hops = forwardedFor
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (hops.length === 0) return normalize(peer);
  const index = Math.max(0, hops.length - trustedHops);
  return normalize(hops[index] ?? null);
}

function normalize(address: string | null): string | null {
  if (!address) return null;
  const unmapped = address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return isIP(unmapped) ? unmapped : null;
}
