import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs } from "@/db/schema";
import { ACCOUNT_FAILURE_RULE, CLIENT_FAILURE_RULE, LOGIN_FAILURE_RULE } from "@/lib/auth/login-throttle";
import { warmUpPasswordChecks } from "@/lib/auth/password";
import { getKv, setKvForTests } from "@/lib/kv";
import { createMemoryKv } from "@/lib/kv/memory";
import { createUpstashKv } from "@/lib/kv/upstash";
import { useTestDb } from "@/test/use-test-db";
import { call } from "@/test/http";
import { DEMO_PASSWORD, freshAccount, freshIp } from "@/test/login-accounts";
import { POST } from "./route";

// Runs against the configured cache: memory here, Redis through the bridge in CI (lib/auth/login-throttle.test.ts
// checks the rules on both).

useTestDb();
const login = (body: { email: string; password: string }, ip: string, headers: Record<string, string> = {}) =>
  call(POST, "/api/v1/auth/login", { body, ip, headers });
const randomEmail = () => `nobody-${randomUUID()}@nowhere.test`;

beforeAll(() => warmUpPasswordChecks());
beforeEach(() => setKvForTests(undefined));

async function loginFailedRows(where: { ip?: string; userId?: string }): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ id: auditLogs.id })
    .from(auditLogs)
    .where(
      and(
        eq(auditLogs.action, "LOGIN_FAILED"),
        where.ip ? eq(auditLogs.ipAddress, where.ip) : eq(auditLogs.userId, where.userId!),
      ),
    );
  return rows.length;
}

describe("per email and client", () => {
  it("the 6th failed attempt within a minute is 429 with Retry-After, even with the right password", async () => {
    const { email } = await freshAccount();
    const address = freshIp();
    for (let i = 0; i < LOGIN_FAILURE_RULE.limit; i++)
      expect((await login({ email, password: `wrong-${i}` }, address)).status).toBe(401);
    const throttled = await login({ email, password: DEMO_PASSWORD }, address);
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another client address, or another account, is not affected.
    expect((await login({ email, password: DEMO_PASSWORD }, freshIp())).status).toBe(200);
    expect((await login({ email: (await freshAccount()).email, password: DEMO_PASSWORD }, address)).status).toBe(200);
  });

  it("parallel guesses cannot slip past the count: at most 5 are checked, the rest are 429", async () => {
    const { email } = await freshAccount();
    const address = freshIp();
    const burst = await Promise.all(
      Array.from({ length: 15 }, (_, i) => login({ email, password: `parallel-guess-${i}` }, address)),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });

  it("a successful login clears earlier failures", async () => {
    const { email } = await freshAccount();
    const address = freshIp();
    for (let i = 0; i < 4; i++) await login({ email, password: `wrong-${i}` }, address);
    expect((await login({ email, password: DEMO_PASSWORD }, address)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login({ email, password: `again-${i}` }, address)).status).toBe(401);
    expect((await login({ email, password: DEMO_PASSWORD }, address)).status).toBe(429);
  });

  it("ignores a client-sent X-Forwarded-For when no proxy is trusted", async () => {
    const { email } = await freshAccount();
    const address = freshIp();
    for (let i = 0; i < 5; i++)
      await login({ email, password: "nope" }, address, { "x-forwarded-for": `203.0.113.${i}` });
    expect(
      (await login({ email, password: DEMO_PASSWORD }, address, { "x-forwarded-for": "203.0.113.99" })).status,
    ).toBe(429);
  });

  it("an attempt throttled here leaves no LOGIN_FAILED row", async () => {
    const account = await freshAccount();
    const address = freshIp();
    for (let i = 0; i < LOGIN_FAILURE_RULE.limit; i++)
      await login({ email: account.email, password: `wrong-${i}` }, address);
    expect(await loginFailedRows({ userId: account.id })).toBe(LOGIN_FAILURE_RULE.limit);
    expect((await login({ email: account.email, password: "wrong again" }, address)).status).toBe(429);
    expect(await loginFailedRows({ userId: account.id })).toBe(LOGIN_FAILURE_RULE.limit);
  });
});

describe("per client, all emails (password spraying; anonymous rows)", () => {
  it(`one client's unknown-email failures leave at most ${CLIENT_FAILURE_RULE.limit} LOGIN_FAILED rows; throttled attempts leave none`, async () => {
    const address = freshIp();
    const first = await Promise.all(
      Array.from({ length: CLIENT_FAILURE_RULE.limit + 10 }, () =>
        login({ email: randomEmail(), password: "guess" }, address),
      ),
    );
    expect(first.filter((r) => r.status === 401)).toHaveLength(CLIENT_FAILURE_RULE.limit);
    expect(first.filter((r) => r.status === 429)).toHaveLength(10);
    expect(await loginFailedRows({ ip: address })).toBe(CLIENT_FAILURE_RULE.limit);
    // Real accounts, right password or not: refused before the password is checked, and no row.
    const { email } = await freshAccount();
    for (const password of ["guess", DEMO_PASSWORD])
      expect((await login({ email, password }, address)).status).toBe(429);
    expect(await loginFailedRows({ ip: address })).toBe(CLIENT_FAILURE_RULE.limit);
  });
});

describe("per account, all clients (stuffing from many addresses)", () => {
  it(`an account gets ${ACCOUNT_FAILURE_RULE.limit} failures from all addresses together; its owner still gets in from a known address`, async () => {
    const account = await freshAccount();
    const home = freshIp();
    expect((await login({ email: account.email, password: DEMO_PASSWORD }, home)).status).toBe(200);
    for (let i = 0; i < ACCOUNT_FAILURE_RULE.limit; i++) {
      expect((await login({ email: account.email, password: `stuffed-${i}` }, freshIp())).status).toBe(401);
    }
    expect(await loginFailedRows({ userId: account.id })).toBe(ACCOUNT_FAILURE_RULE.limit);
    const elsewhere = await login({ email: account.email, password: DEMO_PASSWORD }, freshIp());
    expect(elsewhere.status).toBe(429);
    expect(Number(elsewhere.headers.get("retry-after"))).toBeLessThanOrEqual(ACCOUNT_FAILURE_RULE.windowSeconds);
    expect((await login({ email: account.email, password: "one more" }, freshIp())).status).toBe(429);
    expect(await loginFailedRows({ userId: account.id })).toBe(ACCOUNT_FAILURE_RULE.limit);
    expect((await login({ email: account.email, password: DEMO_PASSWORD }, home)).status).toBe(200);
  });

  it("the same rule holds for an email with no account, so a 429 tells nothing", async () => {
    const email = randomEmail();
    for (let i = 0; i < ACCOUNT_FAILURE_RULE.limit; i++)
      expect((await login({ email, password: "guess" }, freshIp())).status).toBe(401);
    expect((await login({ email, password: "guess" }, freshIp())).status).toBe(429);
  });
});

describe("the bcrypt queue", () => {
  it("a flood of unknown-email logins from many addresses never fills it: real users still get in", async () => {
    const accounts = await Promise.all([freshAccount(), freshAccount(), freshAccount()]);
    const flood = Array.from({ length: 80 }, () => login({ email: randomEmail(), password: "guess" }, freshIp()));
    const real = accounts.map(({ email }) => login({ email, password: DEMO_PASSWORD }, freshIp()));
    const [floodAnswers, realAnswers] = await Promise.all([Promise.all(flood), Promise.all(real)]);
    expect(new Set(floodAnswers.map((r) => r.status))).toEqual(new Set([401]));
    expect(realAnswers.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("a burst of real logins beyond the worker queue answers 503 with Retry-After, never 500, and the pool recovers", async () => {
    const accounts = await Promise.all(Array.from({ length: 5 }, () => freshAccount()));
    // Ten per account: an attempt holds its account unit until its password is checked.
    const burst = await Promise.all(
      Array.from({ length: accounts.length * ACCOUNT_FAILURE_RULE.limit }, (_, i) =>
        login({ email: accounts[i % accounts.length]!.email, password: DEMO_PASSWORD }, freshIp()),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    const busy = burst.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]!.headers.get("retry-after")).toBe("5");
    expect(busy[0]!.json.detail).toMatch(/busy/i);
    expect((await login({ email: accounts[0]!.email, password: DEMO_PASSWORD }, freshIp())).status).toBe(200);
  });
});

describe("the cache", () => {
  it("fails closed with 503 when the cache is down", async () => {
    setKvForTests(createUpstashKv({ url: "http://127.0.0.1:9", token: "nothing-listens-here" }));
    const res = await login({ email: "admin@nextgenai.com", password: DEMO_PASSWORD }, freshIp());
    setKvForTests(undefined);
    expect(res.status).toBe(503);
    expect(res.json.detail).toMatch(/temporarily unavailable/i);
  });

  it("counts against the cache that is configured (memory here, Redis in CI)", () => {
    const configured = process.env.REDIS_URL ? "redis" : process.env.UPSTASH_REDIS_REST_URL ? "upstash" : "memory";
    expect(getKv().kind).toBe(configured);
    expect(createMemoryKv().kind).toBe("memory");
  });
});
