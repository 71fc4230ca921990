import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";

// The issuer is a URL an ADMIN typed and the server then fetches (discovery, keys, token, userinfo): a way to make
// the server call inside its own network. Every such request goes through here: https only, no address in a private,
// loopback, link-local or shared range, no redirects followed, 10 s at most. The one exception is plain http to a
// loopback address when the app runs as a local demo or under test, where the provider is a process beside it.
// Left: DNS rebinding between this lookup and the connection; only an ADMIN can set the URL.

const TIMEOUT_MS = 10_000;

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

export class SsoUrlRefused extends Error {
  constructor(readonly reason: "not_https" | "bad_url" | "private_address" | "unresolvable") {
    super(`SSO request refused: ${reason}`);
    this.name = "SsoUrlRefused";
  }
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** Plain http to a process on this machine: only for a local demo or the tests. */
export const loopbackHttpAllowed = () => env().LOCAL_DEMO || env().NODE_ENV === "test";

function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, "ipv4");
  return blocked.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** Throws SsoUrlRefused unless the server may fetch this URL. */
export async function assertFetchable(url: URL): Promise<void> {
  if (url.username || url.password) throw new SsoUrlRefused("bad_url");
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname) && loopbackHttpAllowed()) return;
  if (url.protocol !== "https:") throw new SsoUrlRefused("not_https");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new SsoUrlRefused("unresolvable");
    }
  }
  if (addresses.length === 0) throw new SsoUrlRefused("unresolvable");
  if (addresses.some(isBlockedAddress)) throw new SsoUrlRefused("private_address");
}

/** fetch for everything the SSO code sends to a provider (Auth.js's and jose's customFetch too). */
export async function guardedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  await assertFetchable(url);
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  return fetch(input, { ...init, redirect: init?.redirect === "manual" ? "manual" : "error", signal });
}
