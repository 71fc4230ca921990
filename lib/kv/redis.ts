import "server-only";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { log } from "@/lib/log";
import { CONSUME_SCRIPT, PEEK_SCRIPT } from "./sliding-window-lua";
import { KvUnavailableError, type Kv, type RateLimitRule } from "./types";
import { assertIncrement, assertRule, assertTtlSeconds } from "./validate";

// A dead or stalled Redis must turn into an error quickly so callers can decide to fail open or closed, as with
// Upstash. commandTimeout also bounds commands waiting in the offline queue while a connection is (re)established.
const CONNECT_TIMEOUT_MS = 1_000;
const COMMAND_TIMEOUT_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

type RateLimitReply = [allowed: number, remaining: number, resetAt: number];
type RateLimitScript = (key: string, ...args: (string | number)[]) => Promise<RateLimitReply>;
type RedisWithScripts = Redis & { rateLimitConsume: RateLimitScript; rateLimitPeek: RateLimitScript };

export interface RedisKvConfig {
  /** redis:// or rediss:// (TLS), with credentials and database number as usual. */
  url: string;
}

/** The kv over plain Redis (RESP), for self-hosted Redis; shared by every app instance pointed at the same server. */
export function createRedisKv({ url }: RedisKvConfig): Kv {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // Retrying a consume after an ambiguous network failure could count it twice; the caller decides instead.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // Keeps reconnecting in the background, so the cache comes back on its own once Redis does.
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  }) as RedisWithScripts;
  reportConnectionTrouble(redis);
  // EVALSHA with an EVAL fallback on NOSCRIPT (after a Redis restart or SCRIPT FLUSH), done by ioredis.
  redis.defineCommand("rateLimitConsume", { numberOfKeys: 1, lua: CONSUME_SCRIPT });
  redis.defineCommand("rateLimitPeek", { numberOfKeys: 1, lua: PEEK_SCRIPT });

  // The same key as the Upstash implementation, so both read one counter the same way.
  const logKey = (rule: RateLimitRule, id: string) => `rl:${rule.name}:${id}`;
  const rateLimit = async (what: string, run: () => Promise<RateLimitReply>) => {
    const [allowed, remaining, resetAt] = await call(what, run);
    return { allowed: allowed === 1, remaining, resetAt };
  };

  return {
    kind: "redis",
    get(key) {
      return call("get", () => redis.get(key));
    },
    async set(key, value, opts) {
      const ttlSeconds = opts?.ttlSeconds;
      if (ttlSeconds !== undefined) assertTtlSeconds(ttlSeconds);
      await call("set", () =>
        ttlSeconds === undefined ? redis.set(key, value) : redis.set(key, value, "EX", ttlSeconds),
      );
    },
    async setIfAbsent(key, value, { ttlSeconds }) {
      assertTtlSeconds(ttlSeconds);
      return (await call("setIfAbsent", () => redis.set(key, value, "EX", ttlSeconds, "NX"))) === "OK";
    },
    async del(...keys) {
      if (keys.length === 0) return;
      await call("del", () => redis.del(...keys));
    },
    async incr(key, { ttlSeconds, by = 1 }) {
      assertTtlSeconds(ttlSeconds);
      assertIncrement(by);
      // One MULTI/EXEC, so a counter is never left without its expiry by a failure between the two commands.
      return call("incr", async () => {
        const replies = await redis.multi().incrby(key, by).expire(key, ttlSeconds, "NX").exec();
        const [incremented] = replies ?? [];
        if (!incremented) throw new Error("transaction aborted");
        if (incremented[0]) throw incremented[0];
        return incremented[1] as number;
      });
    },
    async mget(keys) {
      if (keys.length === 0) return []; // Redis refuses MGET without keys
      return call("mget", () => redis.mget(...keys));
    },
    async consume(rule, id) {
      assertRule(rule);
      return rateLimit("consume", () =>
        redis.rateLimitConsume(logKey(rule, id), rule.limit, rule.windowSeconds * 1000, randomUUID()),
      );
    },
    async peek(rule, id) {
      assertRule(rule);
      return rateLimit("peek", () => redis.rateLimitPeek(logKey(rule, id), rule.limit, rule.windowSeconds * 1000));
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
    async close() {
      if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
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

// ioredis emits 'error' on every failed (re)connect; unheard, Node would print each one. One line per outage is
// enough: requests that fail meanwhile are logged by whoever handles their KvUnavailableError.
function reportConnectionTrouble(redis: Redis): void {
  let down = false;
  redis.on("error", (error: Error) => {
    if (down) return;
    down = true;
    log.warn("kv.redis_unavailable", { error: error.message });
  });
  redis.on("ready", () => {
    if (down) log.info("kv.redis_available");
    down = false;
  });
}
