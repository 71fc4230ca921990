import UAParser from "ua-parser-js";

// What the sessions page shows as a sign-in's "device", and what "a new device" means (lib/auth/new-device.ts).
// Pure: takes the stored user agent and address, imports nothing from Next or the database.
//
// A device is the browser family and the OS family (no versions: a browser updates itself every few weeks, and an
// update is not a new device) plus the network the sign-in came from: the exact IPv4 address, or the /64 of an IPv6
// address. A /64 is one home or office network (its hosts rotate privacy addresses inside it every day), while an
// IPv4 address is usually the whole network behind one NAT; a wider IPv4 block would let strangers on the same
// provider pass as known. Clients without a browser user agent (curl, SDKs) are told apart by their product name
// ("python-requests"), also without the version.

const OS_NAMES: Record<string, string> = { "Mac OS": "macOS", "Chromium OS": "ChromeOS" };
const BROWSER_NAMES: Record<string, string> = { "Chrome Headless": "Headless Chrome" };
const RAW_UA_SHOWN = 60; // characters of a non-browser user agent shown as its device

export interface DeviceInfo {
  /** "Chrome on macOS", "Mobile Safari on iOS", "curl/8.5.0", or "API client" when there is no user agent. */
  label: string;
  /** Whether the user agent is a browser's (parsed into a browser and OS). */
  browser: boolean;
  /** Browser and OS family, or the client's product name, lowercased: the device part of the comparison. */
  family: string;
}

export function describeDevice(userAgent: string | null | undefined): DeviceInfo {
  const ua = userAgent?.trim() ?? "";
  if (!ua) return { label: "API client", browser: false, family: "unknown" };
  const result = new UAParser(ua).getResult();
  const browser = result.browser.name ? (BROWSER_NAMES[result.browser.name] ?? result.browser.name) : null;
  const os = result.os.name ? (OS_NAMES[result.os.name] ?? result.os.name) : null;
  if (browser) {
    const label = os ? `${browser} on ${os}` : browser;
    return { label, browser: true, family: `${browser}|${os ?? ""}`.toLowerCase() };
  }
  const product = ua.split(/[\s/;(]/, 1)[0]!.toLowerCase();
  const label = ua.length > RAW_UA_SHOWN ? `${ua.slice(0, RAW_UA_SHOWN - 1)}…` : ua;
  return { label, browser: false, family: `client:${product}` };
}

/**
 * The network part of a client address: an IPv4 address as it is, an IPv6 address as its /64 prefix
 * ("2001:db8:1:2::/64"). IPv4-mapped IPv6 addresses count as their IPv4 address. Null when unknown.
 */
export function networkOf(address: string | null | undefined): string | null {
  if (!address) return null;
  const ip = address
    .trim()
    .toLowerCase()
    .replace(/\/\d+$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(":")) return ip;
  const groups = expandIpv6(ip);
  if (!groups) return ip;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** Eight 16-bit groups of an IPv6 address, or null when it is not one. */
function expandIpv6(ip: string): string[] | null {
  const [head, tail, ...rest] = ip.split("::");
  if (rest.length > 0) return null;
  const left = head ? head.split(":") : [];
  const right = tail !== undefined ? (tail ? tail.split(":") : []) : null;
  // An embedded IPv4 tail (::ffff:... handled above; 64:ff9b::1.2.3.4 here) counts as two groups.
  const groups = [...left, ...(right ?? [])].flatMap((g) => {
    const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(g);
    if (!v4) return [g];
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  });
  const missing = 8 - groups.length;
  if (right === null ? missing !== 0 : missing < 1) return null;
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  if (right === null) return groups;
  const leftCount = left.length;
  return [...groups.slice(0, leftCount), ...Array<string>(missing).fill("0"), ...groups.slice(leftCount)];
}

/** The key two sign-ins share when they come from the same device, as defined above. */
export function deviceKey(input: { userAgent: string | null | undefined; ipAddress: string | null | undefined }) {
  return `${describeDevice(input.userAgent).family}@${networkOf(input.ipAddress) ?? "unknown"}`;
}
