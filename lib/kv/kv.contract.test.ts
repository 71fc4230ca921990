import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { shouldRunRedisSuites } from "./redis-for-tests";
import { memorySubject, respSubject, upstashSubject } from "./test-subjects";
import type { Kv, RateLimitRule } from "./types";

const RUN = randomUUID().slice(0, 8);
const runRedisSuites = await shouldRunRedisSuites();

const subjects = [
  { ...memorySubject, enabled: true },
  { ...respSubject, enabled: runRedisSuites },
  { ...upstashSubject, enabled: runRedisSuites },
];

// Upstash's sliding window is two fixed windows aligned to the epoch, the previous one weighted by how much of it
// still overlaps. A burst that straddles a boundary would get extra units, so bursts start just after a boundary.
async function startOfNextWindow(windowMs: number): Promise<void> {
  await sleep(windowMs - (Date.now() % windowMs) + 20);
}

describe.each(subjects)("$name kv", ({ name, enabled, open }) => {
  describe.skipIf(!enabled)("contract", () => {
    let kv: Kv;
    let close: () => Promise<void>;
    const usedKeys: string[] = [];
    let ruleCount = 0;

    const key = (label: string): string => {
      const k = `kv-contract:${RUN}:${name}:${label}`;
      usedKeys.push(k);
      return k;
    };
    const rule = (limit: number, windowSeconds: number): RateLimitRule => ({
      name: `kv-contract-${RUN}-${name}-${++ruleCount}`,
      limit,
      windowSeconds,
    });

    beforeAll(async () => {
      ({ kv, close } = await open());
    });

    afterAll(async () => {
      await kv?.del(...usedKeys);
      await close?.();
    });

    test("get returns null for a missing key and any string that was set, unchanged", async () => {
      expect(await kv.get(key("missing"))).toBeNull();
      for (const value of ["hello", "", "OK", "123", "null", '{"a":1}', "ünïcødé 🎉", "line\nbreak"]) {
        await kv.set(key("value"), value);
        expect(await kv.get(key("value"))).toBe(value);
      }
    });

    test("a value set with a TTL disappears after it", async () => {
      await kv.set(key("ttl"), "short-lived", { ttlSeconds: 1 });
      expect(await kv.get(key("ttl"))).toBe("short-lived");
      await sleep(1_100);
      expect(await kv.get(key("ttl"))).toBeNull();
    });

    test("setIfAbsent sets only a missing key, and again once the first one expired", async () => {
      expect(await kv.setIfAbsent(key("once"), "first", { ttlSeconds: 1 })).toBe(true);
      expect(await kv.setIfAbsent(key("once"), "second", { ttlSeconds: 1 })).toBe(false);
      expect(await kv.get(key("once"))).toBe("first");
      await sleep(1_100);
      expect(await kv.setIfAbsent(key("once"), "third", { ttlSeconds: 1 })).toBe(true);
      expect(await kv.get(key("once"))).toBe("third");
    });

    test("del removes every given key and ignores missing ones", async () => {
      await kv.set(key("del-a"), "a");
      await kv.set(key("del-b"), "b");
      await kv.del(key("del-a"), key("del-b"), key("del-never-set"));
      await kv.del();
      expect(await kv.get(key("del-a"))).toBeNull();
      expect(await kv.get(key("del-b"))).toBeNull();
    });

    test("rejects a TTL Redis could not store", async () => {
      await expect(kv.set(key("bad-ttl"), "v", { ttlSeconds: 0.5 })).rejects.toBeInstanceOf(RangeError);
      await expect(kv.setIfAbsent(key("bad-ttl"), "v", { ttlSeconds: 0 })).rejects.toBeInstanceOf(RangeError);
    });

    test("incr counts from zero by 1 or by `by`, and reads back as a decimal string", async () => {
      expect(await kv.incr(key("count"), { ttlSeconds: 60 })).toBe(1);
      expect(await kv.incr(key("count"), { ttlSeconds: 60 })).toBe(2);
      expect(await kv.incr(key("count"), { ttlSeconds: 60, by: 40 })).toBe(42);
      expect(await kv.incr(key("count"), { ttlSeconds: 60, by: -2 })).toBe(40);
      expect(await kv.get(key("count"))).toBe("40");
      await kv.set(key("preset"), "7");
      expect(await kv.incr(key("preset"), { ttlSeconds: 60, by: 3 })).toBe(10);
    });

    test("concurrent increments are all counted", async () => {
      const results = await Promise.all(
        Array.from({ length: 25 }, () => kv.incr(key("concurrent"), { ttlSeconds: 60 })),
      );
      expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(await kv.get(key("concurrent"))).toBe("25");
    });

    test("a counter expires ttlSeconds after its first increment; later increments do not extend it", async () => {
      await kv.incr(key("window"), { ttlSeconds: 1 });
      await sleep(600);
      expect(await kv.incr(key("window"), { ttlSeconds: 1 })).toBe(2);
      await sleep(600);
      expect(await kv.get(key("window"))).toBeNull();
      expect(await kv.incr(key("window"), { ttlSeconds: 1 })).toBe(1);
    });

    test("a counter on a key set without a TTL gets one", async () => {
      await kv.set(key("forever"), "1");
      await kv.incr(key("forever"), { ttlSeconds: 1 });
      await sleep(1_100);
      expect(await kv.get(key("forever"))).toBeNull();
    });

    test("incr rejects a TTL or an increment Redis could not take", async () => {
      await expect(kv.incr(key("bad-incr"), { ttlSeconds: 0 })).rejects.toBeInstanceOf(RangeError);
      await expect(kv.incr(key("bad-incr"), { ttlSeconds: 1.5 })).rejects.toBeInstanceOf(RangeError);
      await expect(kv.incr(key("bad-incr"), { ttlSeconds: 60, by: 0.5 })).rejects.toBeInstanceOf(RangeError);
      expect(await kv.get(key("bad-incr"))).toBeNull();
    });

    test("mget returns each key's value in order, null for missing ones, and [] for no keys", async () => {
      await kv.set(key("mget-a"), "a");
      await kv.set(key("mget-b"), "ünïcødé 🎉");
      await kv.incr(key("mget-n"), { ttlSeconds: 60, by: 5 });
      expect(await kv.mget([key("mget-b"), key("mget-missing"), key("mget-a"), key("mget-n"), key("mget-a")])).toEqual([
        "ünïcødé 🎉",
        null,
        "a",
        "5",
        "a",
      ]);
      expect(await kv.mget([])).toEqual([]);
      const many = Array.from({ length: 500 }, (_, i) => key(`mget-many-${i}`));
      expect(await kv.mget(many)).toEqual(many.map(() => null));
    });

    test("consume allows up to the limit, then denies until a unit frees up", async () => {
      const limited = rule(3, 1);
      await startOfNextWindow(1_000);
      const before = Date.now();
      const allowed = [];
      for (let i = 0; i < 3; i++) allowed.push(await kv.consume(limited, "alice"));
      expect(allowed.map((r) => [r.allowed, r.remaining])).toEqual([
        [true, 2],
        [true, 1],
        [true, 0],
      ]);
      const denied = await kv.consume(limited, "alice");
      expect(denied.allowed).toBe(false);
      expect(denied.remaining).toBe(0);
      expect(denied.resetAt).toBeGreaterThan(before);
      expect(denied.resetAt).toBeLessThanOrEqual(Date.now() + 1_000);
    });

    test("the window is exact: units counted just before a window boundary still count just after it", async () => {
      // A fixed-window approximation (weighing the previous window and rounding down) lets the third unit through here.
      // A 3 s window, so that a loaded machine (the units landing a few hundred ms late) cannot move them out of it.
      const limited = rule(2, 3);
      await startOfNextWindow(3_000);
      await new Promise((resolve) => setTimeout(resolve, 2_400));
      expect((await kv.consume(limited, "frank")).allowed).toBe(true);
      expect((await kv.consume(limited, "frank")).allowed).toBe(true);
      await startOfNextWindow(3_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await kv.consume(limited, "frank")).allowed).toBe(false);
    });

    test("counters are separate per id and per rule", async () => {
      const first = rule(1, 10);
      const second = rule(1, 10);
      expect((await kv.consume(first, "alice")).allowed).toBe(true);
      expect((await kv.consume(first, "alice")).allowed).toBe(false);
      expect((await kv.consume(first, "bob")).allowed).toBe(true);
      expect((await kv.consume(second, "alice")).allowed).toBe(true);
    });

    test("reset forgets an id's units under a rule, and only those", async () => {
      const limited = rule(2, 60);
      await kv.consume(limited, "dave");
      await kv.consume(limited, "dave");
      await kv.consume(limited, "erin");
      expect((await kv.consume(limited, "dave")).allowed).toBe(false);
      await kv.reset(limited, "dave");
      expect(await kv.peek(limited, "dave")).toMatchObject({ allowed: true, remaining: 2 });
      expect(await kv.peek(limited, "erin")).toMatchObject({ remaining: 1 });
    });

    test("release gives back one unit, the most recent, and does nothing when none is counted", async () => {
      const limited = rule(3, 60);
      await kv.release(limited, "gina"); // nothing counted yet
      expect(await kv.peek(limited, "gina")).toMatchObject({ allowed: true, remaining: 3 });
      for (let i = 0; i < 3; i++) await kv.consume(limited, "gina");
      const first = await kv.peek(limited, "gina");
      await kv.release(limited, "gina");
      // Only the newest unit went back: the window still ends when the oldest counted unit leaves it.
      expect(await kv.peek(limited, "gina")).toMatchObject({ allowed: true, remaining: 1, resetAt: first.resetAt });
      expect((await kv.consume(limited, "gina")).allowed).toBe(true);
      expect((await kv.consume(limited, "gina")).allowed).toBe(false);
      await kv.release(limited, "gina");
      await kv.release(limited, "gina");
      await kv.release(limited, "gina");
      await kv.release(limited, "gina");
      expect(await kv.peek(limited, "gina")).toMatchObject({ allowed: true, remaining: 3 });
    });

    test("peek reports the state without consuming", async () => {
      const limited = rule(2, 1);
      await startOfNextWindow(1_000);
      expect(await kv.peek(limited, "carol")).toMatchObject({ allowed: true, remaining: 2 });
      expect(await kv.peek(limited, "carol")).toMatchObject({ allowed: true, remaining: 2 });
      await kv.consume(limited, "carol");
      expect(await kv.peek(limited, "carol")).toMatchObject({ allowed: true, remaining: 1 });
      await kv.consume(limited, "carol");
      expect(await kv.peek(limited, "carol")).toMatchObject({ allowed: false, remaining: 0 });
      expect(await kv.peek(limited, "carol")).toMatchObject({ allowed: false, remaining: 0 });
    });

    test("a denied id is allowed again once the window has moved past resetAt", async () => {
      const limited = rule(2, 1);
      await startOfNextWindow(1_000);
      await kv.consume(limited, "dave");
      await kv.consume(limited, "dave");
      const denied = await kv.consume(limited, "dave");
      expect(denied.allowed).toBe(false);
      await sleep(Math.max(0, denied.resetAt - Date.now()) + 100);
      expect((await kv.peek(limited, "dave")).allowed).toBe(true);
      expect((await kv.consume(limited, "dave")).allowed).toBe(true);
    });

    test("ping resolves", async () => {
      await expect(kv.ping()).resolves.toBeUndefined();
    });
  });
});
