export const DEFAULT_AFTER_LOGIN = "/dashboard";

const PROBE_ORIGIN = "http://same-site.invalid";
const MAX_CALLBACK_LENGTH = 2048; // characters; our own paths are far shorter
// Each round peels one layer of percent-encoding ("%252F" -> "%2F" -> "/"); a value still changing after this many
// layers is not one of our links.
const MAX_DECODE_ROUNDS = 4;

const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f\\]/;

/**
 * Where to go after signing in: only a path on this site. The value is judged after it has been resolved the way a
 * browser resolves a Location header ("/.//evil.example" and "/%2e%2e//evil.example" both become "//evil.example",
 * which a browser reads as another host), and again after every layer of percent-decoding, because a proxy or a
 * router further along may decode "/%2F/evil.example" before it is followed. Anything that could leave the site,
 * or carries control characters or backslashes (browsers drop tabs and newlines and read "\" as "/"), falls back to
 * the dashboard.
 */
export function safeRedirectPath(callbackUrl: unknown): string {
  if (typeof callbackUrl !== "string" || !callbackUrl.startsWith("/") || callbackUrl.length > MAX_CALLBACK_LENGTH) {
    return DEFAULT_AFTER_LOGIN;
  }
  if (CONTROL_OR_BACKSLASH.test(callbackUrl)) return DEFAULT_AFTER_LOGIN;
  const resolved = resolveOnProbe(callbackUrl);
  if (!resolved || !staysOnSite(resolved.pathname)) return DEFAULT_AFTER_LOGIN;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/**
 * Auth.js's `redirect` callback: its sign-in, sign-out and callback endpoints take a `callbackUrl` (form field, query
 * or cookie) too. Absolute URLs on our own origin are reduced to their path, then judged like any other.
 */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  let candidate: string = url;
  try {
    const absolute = new URL(url);
    candidate = absolute.origin === baseUrl ? `${absolute.pathname}${absolute.search}${absolute.hash}` : "";
  } catch {
    // not absolute: a path, judged below
  }
  return `${baseUrl}${safeRedirectPath(candidate)}`;
}

function resolveOnProbe(value: string): URL | null {
  try {
    const resolved = new URL(value, PROBE_ORIGIN);
    return resolved.origin === PROBE_ORIGIN ? resolved : null;
  } catch {
    return null;
  }
}

/**
 * True when neither the path nor any percent-decoding of it resolves off the site or to a "//" or "/\" path. Two
 * chains of layers are judged: one where each layer is resolved (dot segments removed) before the next decoding, as a
 * browser following a Location and then a decoding proxy would, and one where the raw value is decoded layer after
 * layer, as a router decoding before it resolves would. A malformed escape in either chain is refused.
 */
function staysOnSite(pathname: string): boolean {
  return layersStayOnSite(pathname, "resolve-then-decode") && layersStayOnSite(pathname, "decode-raw");
}

function layersStayOnSite(pathname: string, order: "resolve-then-decode" | "decode-raw"): boolean {
  let current = pathname;
  for (let round = 0; round <= MAX_DECODE_ROUNDS; round++) {
    if (CONTROL_OR_BACKSLASH.test(current)) return false;
    const resolved = resolveOnProbe(current);
    if (!resolved || resolved.pathname.startsWith("//")) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(order === "resolve-then-decode" ? resolved.pathname : current);
    } catch {
      return false; // a malformed escape: every later layer would read it differently
    }
    if (decoded === current) return true; // nothing left to decode
    current = decoded;
  }
  return false;
}
