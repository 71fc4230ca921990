import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { KvUnavailableError, type Kv, type RateLimitRule } from "./types";
import { assertIncrement, assertRule, assertTtlSeconds } from "./validate";

// A dead or stalled cache must turn into an error quickly so callers can decide to fail open or closed, rather than
// holding a request (and the user) for the SDK's default five retries with backoff.
const REQUEST_TIMEOUT_MS = 1_000;

// @upstash/ratelimit races every limit() against `timeout` and, when it fires, ALLOWS the request (reason "timeout").
// Any value <= 0 skips that race (`applyTimeout` only arms it when timeout > 0), so an outage surfaces as an error.
const NEVER_FAIL_OPEN = 0;

export interface UpstashKvConfig {
  url: string;
  token: string;
}

export function createUpstashKv({ url, token }: UpstashKvConfig): Kv {
  const redis = new Redis({
    url,
    token,
    // Retrying a consume after an ambiguous network failure could count it twice; the caller decides instead.
    retry: { retries: 0 },
    // A function, not a shared signal: the SDK turns an aborted plain signal into a successful "Aborted" result.
    signal: () => AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    // Values are opaque strings; by default the SDK would JSON.parse "123" into a number.
    automaticDeserialization: false,
    enableTelemetry: false,
  });
  const limiters = new Map<string, Ratelimit>();

  function limiterFor(rule: RateLimitRule): Ratelimit {
    const key = JSON.stringify([rule.name, rule.limit, rule.windowSeconds]);
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowSeconds} s`),
        prefix: `rl:${rule.name}`,
        timeout: NEVER_FAIL_OPEN,
        // The in-process block list would answer "denied" without asking Redis, so processes would disagree.
        ephemeralCache: false,
        analytics: false,
        enableTelemetry: false,
      });
      limiters.set(key, limiter);
    }
    return limiter;
  }

  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new KvUnavailableError(`cache ${operation} failed: ${error instanceof Error ? error.message : error}`, {
        cause: error,
      });
    }
  }

  return {
    kind: "upstash",
    get(key) {
      return call("get", () => redis.get<string>(key));
    },
    async set(key, value, opts) {
      const ttlSeconds = opts?.ttlSeconds;
      if (ttlSeconds !== undefined) assertTtlSeconds(ttlSeconds);
      await call("set", () =>
        ttlSeconds === undefined ? redis.set(key, value) : redis.set(key, value, { ex: ttlSeconds }),
      );
    },
    async setIfAbsent(key, value, { ttlSeconds }) {
      assertTtlSeconds(ttlSeconds);
      const reply = await call("setIfAbsent", () => redis.set(key, value, { nx: true, ex: ttlSeconds }));
      return reply === "OK";
    },
    async del(...keys) {
      if (keys.length === 0) return;
      await call("del", () => redis.del(...keys));
    },
    async incr(key, { ttlSeconds, by = 1 }) {
      assertTtlSeconds(ttlSeconds);
      assertIncrement(by);
      // One MULTI/EXEC, so a counter is never left without its expiry by a failure between the two commands.
      const [value] = await call("incr", () => redis.multi().incrby(key, by).expire(key, ttlSeconds, "NX").exec());
      return value;
    },
    async mget(keys) {
      if (keys.length === 0) return []; // Redis refuses MGET without keys
      return call("mget", () => redis.mget<(string | null)[]>(...keys));
    },
    async consume(rule, id) {
      assertRule(rule);
      const limiter = limiterFor(rule);
      const { success, remaining, reset } = await call("consume", () => limiter.limit(id));
      return { allowed: success, remaining, resetAt: reset };
    },
    async peek(rule, id) {
      assertRule(rule);
      const limiter = limiterFor(rule);
      const { remaining, reset } = await call("peek", () => limiter.getRemaining(id));
      return { allowed: remaining > 0, remaining, resetAt: reset };
    },
    async reset(rule, id) {
      assertRule(rule);
      await call("reset", () => limiterFor(rule).resetUsedTokens(id));
    },
    async ping() {
      await call("ping", () => redis.ping());
    },
  };
}
