import { env } from "@/lib/env";

// CORS for the JSON API only (CORS_ORIGINS; none by default). Exact origins are echoed with credentials allowed (the
// refresh cookie, the dashboard's cookie on webSession routes) and `Vary: Origin`; `*` answers any origin and never
// allows credentials. Preflights reach preflightResponse through next.config.ts's rewrite of any /api request that
// carries Access-Control-Request-Method (app/api/cors-preflight/route.ts); actual responses get their headers in
// apiRoute. The candidate's routes, Auth.js, the LiveKit webhook and the docs page are same-origin or server-to-server
// and never get CORS.

const NOT_CORS = ["/api/candidates/", "/api/auth/", "/api/livekit/webhook", "/api/docs", "/api/cors-preflight"];
const ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
const ALLOW_HEADERS = "Authorization, Content-Type, X-Request-Id";
const EXPOSE_HEADERS = "X-Request-Id, X-Total-Count, Retry-After, Content-Range, ETag, Link";
const MAX_AGE_S = "600";

export function isCorsPath(pathname: string): boolean {
  return pathname.startsWith("/api/") && !NOT_CORS.some((prefix) => pathname.startsWith(prefix));
}

/** The headers granting `origin` access, or null when it is not allowed (or nothing is configured). */
function grant(origin: string | null, allowed: "*" | string[] = env().CORS_ORIGINS): Record<string, string> | null {
  if (!origin || (allowed !== "*" && !allowed.includes(origin))) return null;
  return allowed === "*"
    ? { "access-control-allow-origin": "*" }
    : { "access-control-allow-origin": origin, "access-control-allow-credentials": "true", vary: "Origin" };
}

/** Adds CORS headers to an API response when the request came from an allowed origin (a no-op otherwise). */
export function applyCors(request: Request, response: Response): void {
  const allowed = env().CORS_ORIGINS;
  if (allowed !== "*" && allowed.length === 0) return;
  const origin = request.headers.get("origin");
  const headers = grant(origin, allowed);
  if (allowed !== "*") response.headers.append("vary", "Origin");
  if (!headers || !isCorsPath(new URL(request.url).pathname)) return;
  for (const [name, value] of Object.entries(headers)) if (name !== "vary") response.headers.set(name, value);
  response.headers.set("access-control-expose-headers", EXPOSE_HEADERS);
}

/**
 * The answer to a preflight for `pathname`: 204 with the grant when the origin is allowed on a JSON API path; 204
 * without any Access-Control-Allow-* header otherwise, so the browser refuses the actual request.
 */
export function preflightResponse(origin: string | null, pathname: string): Response {
  const headers = new Headers({ "cache-control": "no-store" });
  const granted = isCorsPath(pathname) ? grant(origin) : null;
  if (env().CORS_ORIGINS !== "*") headers.set("vary", "Origin");
  if (granted) {
    for (const [name, value] of Object.entries(granted)) headers.set(name, value);
    headers.set("access-control-allow-methods", ALLOW_METHODS);
    headers.set("access-control-allow-headers", ALLOW_HEADERS);
    headers.set("access-control-max-age", MAX_AGE_S);
  }
  return new Response(null, { status: 204, headers });
}
