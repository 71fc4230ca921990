// Security headers for every response. Pure: proxy.ts supplies the per-request nonce and the mode.

export interface SecurityHeaderOptions {
  nonce: string;
  /** `next dev` needs eval for React's debugging features; production never gets it. */
  dev: boolean;
  /** HSTS only in production: on plain-http development hosts it would do harm or nothing. */
  production: boolean;
  /** Extra origins the browser may connect to (the LiveKit relay). */
  connectSources?: string[];
}

export function contentSecurityPolicy({ nonce, dev, connectSources = [] }: SecurityHeaderOptions): string {
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets WebAssembly compile (the room's incremental SHA-256, hash-wasm) and nothing else: no
    // eval, no Function(). Production never gets 'unsafe-eval'.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes are common in React; they cannot carry a nonce. Styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self' ${connectSources.join(" ")}`.trim(),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function fixedHeaders(production: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (production) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/** Headers for HTML pages: the CSP carries this request's nonce (set per request by proxy.ts). */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return { "Content-Security-Policy": contentSecurityPolicy(options), ...fixedHeaders(options.production) };
}

/**
 * Headers for responses that are never rendered as a page (JSON API, health, static assets). Their CSP needs no
 * nonce, so next.config.ts sets them statically and the proxy (about a fifth of a JSON route's cost) skips them.
 */
export function staticSecurityHeaders({ production }: { production: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy":
      "default-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ...fixedHeaders(production),
  };
}

/**
 * The API reference page (/api/docs) runs Swagger UI's script and styles from this origin. Its route sets these
 * itself, so the static headers leave it out: Next keeps a next.config.ts header over a route's own.
 */
export function docsSecurityHeaders({ production }: { production: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": [
      "default-src 'none'",
      "script-src 'self'",
      // Swagger UI sets style attributes; styles cannot run code.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join("; "),
    ...fixedHeaders(production),
  };
}

/** Paths that get staticSecurityHeaders from next.config.ts instead of going through proxy.ts (all of /api but /api/docs). */
export const STATIC_HEADER_SOURCES = ["/api/:path((?!docs(?:/|$)).*)", "/health", "/_next/static/:path*"];

/** The LiveKit relay's origin(s) for connect-src: ws(s) for signalling plus http(s) for its REST validation. */
export function livekitConnectSources(livekitUrl: string): string[] {
  try {
    const url = new URL(livekitUrl);
    const secure = url.protocol === "wss:" || url.protocol === "https:";
    return [`${secure ? "wss" : "ws"}://${url.host}`, `${secure ? "https" : "http"}://${url.host}`];
  } catch {
    return [];
  }
}
