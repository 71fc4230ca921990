import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setKvForTests } from "@/lib/kv";
import { shouldRunRedisSuites } from "@/lib/kv/redis-for-tests";
import { memorySubject, respSubject, upstashSubject } from "@/lib/kv/test-subjects";
import type { Kv } from "@/lib/kv/types";
import {
  ACCOUNT_FAILURE_RULE,
  CLIENT_FAILURE_RULE,
  giveBackLoginAttempt,
  LOGIN_FAILURE_RULE,
  settleSuccessfulLogin,
  takeLoginAttempt,
} from "./login-throttle";
import { clientKey } from "./throttle-keys";

describe("throttle client key", () => {
  it("an IPv4 address is one client", () => {
    expect(clientKey("203.0.113.7")).toBe("203.0.113.7");
  });

  it("an IPv6 client is its /64, however the address is written", () => {
    expect(clientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:0DB8:0001:0002:0:0:0:9")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
  });

  it("no address is a shared key", () => {
    expect(clientKey(null)).toBe("unknown");
  });
});

const runRedis = await shouldRunRedisSuites();
const subjects = [
  { ...memorySubject, enabled: true },
  { ...respSubject, enabled: runRedis },
  { ...upstashSubject, enabled: runRedis },
];

// Fresh emails and addresses per test, so counters in a shared Redis never collide between tests or runs.
const run = randomUUID().slice(0, 8);
let counter = 0;
const freshEmail = () => `user-${run}-${++counter}@example.test`;
const freshIp = () => `2001:db8:${(++counter).toString(16)}:${run.slice(0, 4)}::1`;

/** Takes an attempt; the status it would answer: 200 (allowed) or 429. */
async function attempt(email: string, ip: string) {
  try {
    return { status: 200, attempt: await takeLoginAttempt(email, ip) };
  } catch (error) {
    return {
      status: (error as { status?: number }).status ?? 0,
      retryAfter: (error as { extra?: { retryAfterSeconds?: number } }).extra?.retryAfterSeconds,
    };
  }
}

describe.each(subjects)("login throttle rules on $name", ({ enabled, open }) => {
  describe.skipIf(!enabled)("rules", () => {
    let kv: Kv;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ kv, close } = await open());
      setKvForTests(kv);
    });
    afterAll(async () => {
      setKvForTests(undefined);
      await close();
    });

    it(`one client gets ${CLIENT_FAILURE_RULE.limit} failures across all emails, then 429 (password spraying)`, async () => {
      const ip = freshIp();
      for (let i = 0; i < CLIENT_FAILURE_RULE.limit; i++) expect((await attempt(freshEmail(), ip)).status).toBe(200);
      const refused = await attempt(freshEmail(), ip);
      expect(refused.status).toBe(429);
      expect(refused.retryAfter).toBeGreaterThan(0);
      expect(refused.retryAfter).toBeLessThanOrEqual(CLIENT_FAILURE_RULE.windowSeconds);
      // Another client is not affected.
      expect((await attempt(freshEmail(), freshIp())).status).toBe(200);
    });

    it("a success gives back only its own client unit, so a sprayer cannot reset the count with an account of their own", async () => {
      const ip = freshIp();
      const own = freshEmail();
      for (let i = 0; i < CLIENT_FAILURE_RULE.limit - 1; i++) await attempt(freshEmail(), ip);
      const success = await attempt(own, ip);
      await settleSuccessfulLogin(success.attempt!);
      expect((await attempt(freshEmail(), ip)).status).toBe(200);
      expect((await attempt(freshEmail(), ip)).status).toBe(429);
    });

    it(`one account gets ${ACCOUNT_FAILURE_RULE.limit} failures across all clients, then 429 (stuffing from many addresses)`, async () => {
      const email = freshEmail();
      for (let i = 0; i < ACCOUNT_FAILURE_RULE.limit; i++) expect((await attempt(email, freshIp())).status).toBe(200);
      const refused = await attempt(email, freshIp());
      expect(refused.status).toBe(429);
      expect(refused.retryAfter).toBeLessThanOrEqual(ACCOUNT_FAILURE_RULE.windowSeconds);
      expect((await attempt(freshEmail(), freshIp())).status).toBe(200);
    });

    it("during that lockout the real user still gets in from a client they signed in from before", async () => {
      const email = freshEmail();
      const home = freshIp();
      await settleSuccessfulLogin((await attempt(email, home)).attempt!);
      for (let i = 0; i < ACCOUNT_FAILURE_RULE.limit; i++) await attempt(email, freshIp());
      expect((await attempt(email, freshIp())).status).toBe(429);
      const fromHome = await attempt(email, home);
      expect(fromHome.status).toBe(200);
      expect(fromHome.attempt!.accountCounted).toBe(false);
      // ...but is still held to the per email and client rule there.
      for (let i = 1; i < LOGIN_FAILURE_RULE.limit; i++) expect((await attempt(email, home)).status).toBe(200);
      expect((await attempt(email, home)).status).toBe(429);
    });

    it("a refused attempt gives back what it took from the other rules", async () => {
      const ip = freshIp();
      const email = freshEmail();
      for (let i = 0; i < LOGIN_FAILURE_RULE.limit; i++) await attempt(email, ip);
      for (let i = 0; i < 20; i++) expect((await attempt(email, ip)).status).toBe(429);
      expect(await kv.peek(CLIENT_FAILURE_RULE, (await attempt(freshEmail(), ip)).attempt!.ids.client)).toMatchObject({
        remaining: CLIENT_FAILURE_RULE.limit - LOGIN_FAILURE_RULE.limit - 1,
      });
    });

    it("an attempt whose password was never checked gives all its units back", async () => {
      const ip = freshIp();
      const email = freshEmail();
      for (let i = 0; i < 3 * LOGIN_FAILURE_RULE.limit; i++)
        await giveBackLoginAttempt((await attempt(email, ip)).attempt!);
      expect((await attempt(email, ip)).status).toBe(200);
    });

    it("parallel attempts cannot slip past a rule", async () => {
      const email = freshEmail();
      const statuses = await Promise.all(
        Array.from({ length: 25 }, () => attempt(email, freshIp()).then((r) => r.status)),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(ACCOUNT_FAILURE_RULE.limit);
    });
  });
});
