import "server-only";
import { AppError } from "@/lib/errors";
import { getKv, type RateLimitRule } from "@/lib/kv";

// Erasure requests come from anyone holding (or guessing) a link, so they are counted before the invite is looked up:
// per client address (guessing links) and per invite (one candidate pressing again). The table itself holds at most
// one pending request per invite; the throttle keeps the audit log from filling with refusals and retries. A cache
// outage fails closed (503 from the route wrapper), like the extension request beside it.

export const ERASURE_IP_RULE: RateLimitRule = { name: "erasure-request-ip", limit: 10, windowSeconds: 3600 };
export const ERASURE_INVITE_RULE: RateLimitRule = { name: "erasure-request-invite", limit: 5, windowSeconds: 3600 };

/** Takes one unit of each rule or throws 429 with the wait. `inviteKey` is the link's hash, never the link. */
export async function takeErasureRequestUnit(input: { ip: string | null; inviteKey: string }, now = Date.now()) {
  const kv = getKv();
  for (const [rule, id] of [
    [ERASURE_IP_RULE, input.ip ?? "unknown"],
    [ERASURE_INVITE_RULE, input.inviteKey],
  ] as const) {
    const state = await kv.consume(rule, id);
    if (!state.allowed) {
      throw new AppError("RATE_LIMITED", "Too many deletion requests; try again later", {
        retryAfterSeconds: Math.max(1, Math.ceil((state.resetAt - now) / 1000)),
      });
    }
  }
}
