import "server-only";
import { AppError } from "@/lib/errors";
import { getKv, type RateLimitRule } from "@/lib/kv";

// Extension requests come from anyone holding (or guessing) a link, so they are counted before the invite is even
// looked up: per client address (guessing links, flooding HR) and per invite (one candidate retrying). A cache
// outage fails closed (503 from the route wrapper): an uncounted form that emails HR's queue is not worth the risk.

export const EXTENSION_IP_RULE: RateLimitRule = { name: "extension-request-ip", limit: 10, windowSeconds: 3600 };
export const EXTENSION_INVITE_RULE: RateLimitRule = {
  name: "extension-request-invite",
  limit: 5,
  windowSeconds: 3600,
};

/** Takes one unit of each rule or throws 429 with the wait. `inviteKey` is the link's hash, never the link. */
export async function takeExtensionRequestUnit(input: { ip: string | null; inviteKey: string }, now = Date.now()) {
  const kv = getKv();
  for (const [rule, id] of [
    [EXTENSION_IP_RULE, input.ip ?? "unknown"],
    [EXTENSION_INVITE_RULE, input.inviteKey],
  ] as const) {
    const state = await kv.consume(rule, id);
    if (!state.allowed) {
      throw new AppError("RATE_LIMITED", "Too many requests for more time; try again later", {
        retryAfterSeconds: Math.max(1, Math.ceil((state.resetAt - now) / 1000)),
      });
    }
  }
}
