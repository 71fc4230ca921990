import { createHash } from "node:crypto";
import { isIPv6 } from "node:net";

// Who a login throttle counts. Ids are hashed, so the cache holds no email addresses.

/** An IPv6 client usually owns a whole /64, so that is one client; an IPv4 address is one client. */
export function clientKey(ip: string | null): string {
  if (!ip) return "unknown";
  if (!isIPv6(ip)) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

const hash = (...parts: string[]) => createHash("sha256").update(parts.join("\n")).digest("base64url");

export interface ThrottleIds {
  /** One email from one client (the original rule's id, unchanged). */
  pair: string;
  /** One client, every email. */
  client: string;
  /** One email, every client. */
  account: string;
  /** The kv key marking this client as one this account has signed in from. */
  knownClientKey: string;
}

/** `email` is already normalised. */
export function throttleIds(email: string, ip: string | null): ThrottleIds {
  const client = clientKey(ip);
  return {
    pair: hash(email, client),
    client: hash("client", client),
    account: hash("account", email),
    knownClientKey: `login-known-client:${hash("known", email, client)}`,
  };
}
