import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { getKv, KvUnavailableError, type RateLimitRule } from "@/lib/kv";

// More than 5 failed logins per minute for one email from one client address is refused with 429, even with the
// right password. If the cache is down we cannot count, so login fails closed (503) instead of allowing guessing.

export const LOGIN_FAILURE_RULE: RateLimitRule = { name: "login-failures", limit: 5, windowSeconds: 60 };

// Hashed so the cache holds no email addresses.
const throttleId = (email: string, ip: string | null) =>
  createHash("sha256").update(`${email}\n${ip ?? "unknown"}`).digest("base64url");

function unavailable(error: unknown): never {
  if (error instanceof KvUnavailableError) {
    throw new AppError("UNAVAILABLE", "Sign-in is temporarily unavailable; try again shortly");
  }
  throw error;
}

/** Throws 429 when this email+client is over the limit. */
export async function assertLoginAllowed(email: string, ip: string | null, now = Date.now()): Promise<void> {
  const state = await getKv().peek(LOGIN_FAILURE_RULE, throttleId(email, ip)).catch(unavailable);
  if (!state.allowed) {
    const retryAfterSeconds = Math.max(1, Math.ceil((state.resetAt - now) / 1000));
    throw new AppError("RATE_LIMITED", "Too many failed login attempts; try again later", { retryAfterSeconds });
  }
}

export async function recordLoginFailure(email: string, ip: string | null): Promise<void> {
  await getKv().consume(LOGIN_FAILURE_RULE, throttleId(email, ip)).catch(unavailable);
}
