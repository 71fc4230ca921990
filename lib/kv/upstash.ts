import "server-only";
import { randomUUID } from "node:crypto";
import { Redis } from "@upstash/redis";
import { KvUnavailableError, type Kv, type RateLimitRule } from "./types";
import { CONSUME_SCRIPT, PEEK_SCRIPT } from "./sliding-window-lua";
import { assertIncrement, assertRule, assertTtlSeconds } from "./validate";

// A dead or stalled cache must turn into an error quickly so callers can decide to fail open or closed, rather than
// holding a request (and the user) for the SDK's default five retries with backoff.
const REQUEST_TIMEOUT_MS = 1_000;

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
  const logKey = (rule: RateLimitRule, id: string) => `rl:${rule.name}:${id}`;
  const evalRule = async (what: string, script: string, rule: RateLimitRule, id: string, args: (string | number)[]) => {
    const [allowed, remaining, resetAt] = await call(what, () =>
      redis.eval<(string | number)[], [number, number, number]>(script, [logKey(rule, id)], args),
    );
    return { allowed: Number(allowed) === 1, remaining: Number(remaining), resetAt: Number(resetAt) };
  };

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
      return evalRule("consume", CONSUME_SCRIPT, rule, id, [rule.limit, rule.windowSeconds * 1000, randomUUID()]);
    },
    async peek(rule, id) {
      assertRule(rule);
      return evalRule("peek", PEEK_SCRIPT, rule, id, [rule.limit, rule.windowSeconds * 1000]);
    },
    async reset(rule, id) {
      assertRule(rule);
      await call("reset", () => redis.del(logKey(rule, id)));
    },
    async release(rule, id) {
      assertRule(rule);
      // Units are scored by the time they were counted, so the highest score is the most recent.
      await call("release", () => redis.zpopmax(logKey(rule, id), 1));
    },
    async ping() {
      await call("ping", () => redis.ping());
    },
    async close() {}, // stateless HTTP: nothing is held open
  };
}
