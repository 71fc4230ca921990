import { createHash } from "node:crypto";
import { isIPv6 } from "node:net";
import { AppError } from "@/lib/errors";
import { getKv, KvUnavailableError, type RateLimitRule } from "@/lib/kv";
import { log } from "@/lib/log";

// More than 5 failed logins per minute for one email from one client address is refused with 429, even with the right
// password. Every attempt takes a unit BEFORE its password is checked, atomically, so a burst of parallel guesses
// cannot all slip past the count; a successful login gives its units back. If the cache is down we cannot count, so
// login fails closed (503) instead of allowing unlimited guessing.

export const LOGIN_FAILURE_RULE: RateLimitRule = { name: "login-failures", limit: 5, windowSeconds: 60 };

/** An IPv6 client usually owns a whole /64, so that is one client; an IPv4 address is one client. */
export function clientKey(ip: string | null): string {
  if (!ip) return "unknown";
  if (!isIPv6(ip)) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

// Hashed so the cache holds no email addresses.
const throttleId = (email: string, ip: string | null) =>
  createHash("sha256").update(`${email}\n${clientKey(ip)}`).digest("base64url");

function unavailable(error: unknown): never {
  if (error instanceof KvUnavailableError) {
    throw new AppError("UNAVAILABLE", "Sign-in is temporarily unavailable; try again shortly");
  }
  throw error;
}

/** Takes one attempt for this email+client, or throws 429 when its failures already reached the limit. */
export async function takeLoginAttempt(email: string, ip: string | null, now = Date.now()): Promise<void> {
  if (!ip) log.warn("login without a client address: throttled under a shared key");
  const state = await getKv().consume(LOGIN_FAILURE_RULE, throttleId(email, ip)).catch(unavailable);
  if (!state.allowed) {
    const retryAfterSeconds = Math.max(1, Math.ceil((state.resetAt - now) / 1000));
    throw new AppError("RATE_LIMITED", "Too many failed login attempts; try again later", { retryAfterSeconds });
  }
}

/** A successful login clears the email+client's count: only failures accumulate. */
export async function clearLoginAttempts(email: string, ip: string | null): Promise<void> {
  await getKv()
    .reset(LOGIN_FAILURE_RULE, throttleId(email, ip))
    .catch((error: unknown) => log.warn("could not clear login attempts", { error }));
}
