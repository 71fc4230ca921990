import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { shouldRunRedisSuites } from "./redis-for-tests";
import { respSubject, upstashSubject, type KvSubject } from "./test-subjects";
import type { RateLimitRule } from "./types";

// Two app instances behind a load balancer each hold their own client. Whatever one counts, the other must see, or
// a throttle would allow twice its limit. The mixed pair also shows that the RESP and Upstash implementations keep
// rate-limit counters under the same keys and with the same meaning.

const RUN = randomUUID().slice(0, 8);
const pairs: [string, KvSubject, KvSubject][] = [
  ["two redis (RESP) clients", respSubject, respSubject],
  ["two upstash clients, each through its own bridge", upstashSubject, upstashSubject],
  ["a redis (RESP) client and an upstash client", respSubject, upstashSubject],
];

describe.skipIf(!(await shouldRunRedisSuites()))("one Redis shared by two app instances", () => {
  test.each(pairs)("%s share rate-limit counters", async (label, openA, openB) => {
    const [a, b] = await Promise.all([openA.open(), openB.open()]);
    const rule: RateLimitRule = { name: `kv-shared-${RUN}-${label}`, limit: 3, windowSeconds: 60 };
    try {
      await a.kv.consume(rule, "ivan");
      await a.kv.consume(rule, "ivan");
      const seenByB = await b.kv.peek(rule, "ivan");
      expect(seenByB).toMatchObject({ allowed: true, remaining: 1 });
      // Both judge by Redis's clock, so they agree on when the window frees up.
      expect((await a.kv.peek(rule, "ivan")).resetAt).toBe(seenByB.resetAt);

      expect((await b.kv.consume(rule, "ivan")).allowed).toBe(true);
      expect((await a.kv.consume(rule, "ivan")).allowed).toBe(false);
      await b.kv.release(rule, "ivan");
      expect(await a.kv.peek(rule, "ivan")).toMatchObject({ allowed: true, remaining: 1 });
      await a.kv.reset(rule, "ivan");
      expect(await b.kv.peek(rule, "ivan")).toMatchObject({ allowed: true, remaining: 3 });
    } finally {
      await a.kv.reset(rule, "ivan");
      await Promise.all([a.close(), b.close()]);
    }
  });

  test.each(pairs)("%s share plain keys and counters", async (label, openA, openB) => {
    const [a, b] = await Promise.all([openA.open(), openB.open()]);
    const key = (name: string) => `kv-shared:${RUN}:${label}:${name}`;
    try {
      expect(await a.kv.incr(key("count"), { ttlSeconds: 60 })).toBe(1);
      expect(await b.kv.incr(key("count"), { ttlSeconds: 60, by: 4 })).toBe(5);
      expect(await a.kv.setIfAbsent(key("once"), "from a", { ttlSeconds: 60 })).toBe(true);
      expect(await b.kv.setIfAbsent(key("once"), "from b", { ttlSeconds: 60 })).toBe(false);
      expect(await b.kv.mget([key("once"), key("count")])).toEqual(["from a", "5"]);
      await b.kv.del(key("once"));
      expect(await a.kv.get(key("once"))).toBeNull();
    } finally {
      await a.kv.del(key("count"), key("once"));
      await Promise.all([a.close(), b.close()]);
    }
  });
});
