export const DEFAULT_AFTER_LOGIN = "/dashboard";

const PROBE_ORIGIN = "http://same-site.invalid";

/**
 * Where to go after signing in: only a path on this site. The value is resolved the way a browser would (which drops
 * tabs and newlines and reads "\" as "/", so "/\t/evil.example" means "//evil.example"); anything that lands on
 * another origin, or carries control characters or backslashes, falls back to the dashboard.
 */
export function safeRedirectPath(callbackUrl: unknown): string {
  if (typeof callbackUrl !== "string" || !callbackUrl.startsWith("/")) return DEFAULT_AFTER_LOGIN;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(callbackUrl)) return DEFAULT_AFTER_LOGIN;
  let resolved: URL;
  try {
    resolved = new URL(callbackUrl, PROBE_ORIGIN);
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  if (resolved.origin !== PROBE_ORIGIN) return DEFAULT_AFTER_LOGIN;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
