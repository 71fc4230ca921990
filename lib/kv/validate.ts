import type { RateLimitRule } from "./types";

// Every implementation checks its arguments the same way, so a caller's mistake is a plain RangeError everywhere
// instead of a Redis error that the Redis-backed implementations would misreport as an outage.

/** Redis `EX` takes whole seconds greater than zero. */
export function assertTtlSeconds(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  }
}

/** Redis `INCRBY` takes a 64-bit integer; we keep to what a JavaScript number holds exactly. */
export function assertIncrement(by: number): void {
  if (!Number.isSafeInteger(by)) throw new RangeError(`increment must be a safe integer, got ${by}`);
}

export function assertRule(rule: RateLimitRule): void {
  if (!rule.name) throw new RangeError("rate limit rule needs a name");
  if (!Number.isInteger(rule.limit) || rule.limit <= 0) {
    throw new RangeError(`rate limit ${rule.name}: limit must be a positive integer, got ${rule.limit}`);
  }
  if (!Number.isFinite(rule.windowSeconds) || rule.windowSeconds <= 0) {
    throw new RangeError(`rate limit ${rule.name}: windowSeconds must be positive, got ${rule.windowSeconds}`);
  }
}
