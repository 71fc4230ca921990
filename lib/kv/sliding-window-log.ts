import type { RateLimitResult } from "./types";

// An exact sliding window: every counted unit is remembered until it is a full window old. Pure, so the rule can be
// checked with any clock; the in-memory kv keeps one log per rule and id.

/** Epoch milliseconds of each counted unit, oldest first. */
export type UnitLog = number[];

export function forgetExpiredUnits(log: UnitLog, windowMs: number, now: number): void {
  const firstCounted = log.findIndex((at) => at > now - windowMs);
  log.splice(0, firstCounted === -1 ? log.length : firstCounted);
}

/** Counts one unit at `now` when the window has room. */
export function consumeUnit(log: UnitLog, limit: number, windowMs: number, now: number): RateLimitResult {
  forgetExpiredUnits(log, windowMs, now);
  const allowed = log.length < limit;
  if (allowed) log.push(now);
  return describeLog(log, limit, windowMs, now, allowed);
}

export function peekUnits(log: UnitLog, limit: number, windowMs: number, now: number): RateLimitResult {
  forgetExpiredUnits(log, windowMs, now);
  return describeLog(log, limit, windowMs, now, log.length < limit);
}

function describeLog(log: UnitLog, limit: number, windowMs: number, now: number, allowed: boolean): RateLimitResult {
  const oldest = log[0];
  return {
    allowed,
    remaining: Math.max(0, limit - log.length),
    // The next unit frees up when the oldest counted one leaves the window; an empty log has room already.
    resetAt: oldest === undefined ? now : oldest + windowMs,
  };
}
