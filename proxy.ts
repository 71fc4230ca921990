import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { livekitConnectSources, securityHeaders } from "@/lib/http/security-headers";

// Runs before every page request. It does two cheap things only:
// 1. security headers, with a fresh CSP nonce that Next applies to its own scripts;
// 2. a redirect to /login for visitors to /dashboard with no session cookie at all.
// It is never the authorization gate: every page, action and handler checks the session itself (lib/auth/dal.ts).

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies
    .getAll()
    .some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const headers = securityHeaders({
    nonce,
    dev: process.env.NODE_ENV === "development",
    production: process.env.NODE_ENV === "production",
    connectSources: livekitConnectSources(env().LIVEKIT_URL),
  });

  let response: NextResponse;
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/dashboard") && !hasSessionCookie(request)) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    response = NextResponse.redirect(login);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Every page. JSON API routes, /health and static assets get fixed headers from next.config.ts instead
  // (STATIC_HEADER_SOURCES): they need no nonce, and skipping the proxy saves about a fifth of their cost.
  matcher: "/((?!api/|health$|_next/static/).*)",
};
