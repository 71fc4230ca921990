import "server-only";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import { unauthorized } from "@/lib/errors";
import { loadSignInContext, type SignInContext } from "./sign-in-sessions";

// The dashboard sign-in read from a request's own Cookie header, for the few API routes a browser loads by itself
// (a <video src> sends cookies but can never send a Bearer header). Same rule as currentUser() in dal.ts: the
// Auth.js JWT names a session row, which must be alive and of kind "web". Auth.js names the cookie __Secure-… when
// the site is served over https, so both names are tried.

const SECURE_THEN_PLAIN = [true, false];

export async function authenticateWebCookie(headers: Headers, now = new Date()): Promise<SignInContext> {
  for (const secureCookie of SECURE_THEN_PLAIN) {
    const token = await getToken({ req: { headers }, secret: env().AUTH_SECRET, secureCookie });
    if (!token) continue;
    const context = typeof token.sid === "string" ? await loadSignInContext(token.sid, now) : null;
    if (!context || context.kind !== "web" || (token.sub && token.sub !== context.userId))
      throw unauthorized("Your session has ended; sign in again");
    return context;
  }
  throw unauthorized("Not authenticated");
}
