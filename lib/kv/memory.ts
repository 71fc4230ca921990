import { consumeUnit, forgetExpiredUnits, peekUnits, type UnitLog } from "./sliding-window-log";
import type { Kv, RateLimitRule } from "./types";
import { assertIncrement, assertRule, assertTtlSeconds } from "./validate";

// Expired entries are dropped when read; the sweep only bounds memory held by keys nobody reads again.
const SWEEP_INTERVAL_MS = 30_000;

interface Entry {
  value: string;
  /** Epoch milliseconds; undefined keeps the entry until it is overwritten or deleted. */
  expiresAt: number | undefined;
}

interface RuleLog {
  windowMs: number;
  units: UnitLog;
}

/** A single-process cache for development and tests: nothing is shared between server processes. */
export function createMemoryKv(): Kv {
  const entries = new Map<string, Entry>();
  const ruleLogs = new Map<string, RuleLog>();
  let sweepTimer: NodeJS.Timeout | undefined;

  function liveEntry(key: string, now: number): Entry | undefined {
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function sweep(): void {
    const now = Date.now();
    for (const key of entries.keys()) liveEntry(key, now);
    for (const [key, log] of ruleLogs) {
      forgetExpiredUnits(log.units, log.windowMs, now);
      if (log.units.length === 0) ruleLogs.delete(key);
    }
    // Stop ticking once empty so a discarded kv (tests make many) leaves no timer behind.
    if (entries.size === 0 && ruleLogs.size === 0) {
      clearInterval(sweepTimer);
      sweepTimer = undefined;
    }
  }

  function keepSweeping(): void {
    sweepTimer ??= setInterval(sweep, SWEEP_INTERVAL_MS).unref();
  }

  function write(key: string, value: string, ttlSeconds: number | undefined, now: number): void {
    entries.set(key, { value, expiresAt: ttlSeconds === undefined ? undefined : now + ttlSeconds * 1000 });
    keepSweeping();
  }

  function ruleLogKey(rule: RateLimitRule, id: string): string {
    return JSON.stringify([rule.name, id]);
  }

  return {
    kind: "memory",
    async get(key) {
      return liveEntry(key, Date.now())?.value ?? null;
    },
    async set(key, value, opts) {
      if (opts?.ttlSeconds !== undefined) assertTtlSeconds(opts.ttlSeconds);
      write(key, value, opts?.ttlSeconds, Date.now());
    },
    async setIfAbsent(key, value, { ttlSeconds }) {
      assertTtlSeconds(ttlSeconds);
      const now = Date.now();
      if (liveEntry(key, now)) return false;
      write(key, value, ttlSeconds, now);
      return true;
    },
    async del(...keys) {
      for (const key of keys) entries.delete(key);
    },
    async incr(key, { ttlSeconds, by = 1 }) {
      assertTtlSeconds(ttlSeconds);
      assertIncrement(by);
      const now = Date.now();
      const entry = liveEntry(key, now);
      const current = entry ? Number(entry.value) : 0;
      // Redis refuses INCRBY on a value that is not an integer; so do we, rather than counting from NaN.
      if (!/^-?\d+$/.test(entry?.value ?? "0") || !Number.isSafeInteger(current))
        throw new TypeError(`value at ${key} is not an integer`);
      const next = current + by;
      entries.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? now + ttlSeconds * 1000 });
      keepSweeping();
      return next;
    },
    async mget(keys) {
      const now = Date.now();
      return keys.map((key) => liveEntry(key, now)?.value ?? null);
    },
    async consume(rule, id) {
      assertRule(rule);
      const key = ruleLogKey(rule, id);
      const windowMs = rule.windowSeconds * 1000;
      const log = ruleLogs.get(key) ?? { windowMs, units: [] };
      log.windowMs = windowMs;
      ruleLogs.set(key, log);
      keepSweeping();
      return consumeUnit(log.units, rule.limit, windowMs, Date.now());
    },
    async peek(rule, id) {
      assertRule(rule);
      const units = ruleLogs.get(ruleLogKey(rule, id))?.units ?? [];
      return peekUnits(units, rule.limit, rule.windowSeconds * 1000, Date.now());
    },
    async reset(rule, id) {
      assertRule(rule);
      ruleLogs.delete(ruleLogKey(rule, id));
    },
    async release(rule, id) {
      assertRule(rule);
      ruleLogs.get(ruleLogKey(rule, id))?.units.pop(); // the log is oldest first
    },
    async ping() {},
    async close() {
      clearInterval(sweepTimer);
      sweepTimer = undefined;
    },
  };
}
