export const DEFAULT_AFTER_LOGIN = "/dashboard";

/**
 * Where to go after signing in. Only a path on this site is accepted: "//host" and "/\host" are read by browsers as
 * another origin, so anything but a plain absolute path falls back to the dashboard (no open redirect).
 */
export function safeRedirectPath(callbackUrl: unknown): string {
  if (typeof callbackUrl !== "string" || !callbackUrl.startsWith("/")) return DEFAULT_AFTER_LOGIN;
  if (callbackUrl.startsWith("//") || callbackUrl.startsWith("/\\")) return DEFAULT_AFTER_LOGIN;
  return callbackUrl;
}
