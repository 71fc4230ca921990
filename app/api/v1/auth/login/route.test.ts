import { and, eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, users } from "@/db/schema";
import { ACCESS_TOKEN_TTL_S } from "@/lib/auth/access-token";
import { getKv, setKvForTests } from "@/lib/kv";
import { createMemoryKv } from "@/lib/kv/memory";
import { createUpstashKv } from "@/lib/kv/upstash";
import { useTestDb } from "@/test/use-test-db";
import { DEMO_PASSWORD } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { POST } from "./route";

const fixture = useTestDb();
const ip = fileClientIp();
const login = (body: unknown, opts: { ip?: string; rawBody?: string } = {}) =>
  call(POST, "/api/v1/auth/login", opts.rawBody !== undefined ? { rawBody: opts.rawBody, ip: opts.ip ?? ip, method: "POST", headers: { "content-type": "application/json" } } : { body, ip: opts.ip ?? ip });

// A fresh counter per test: throttling is tested on purpose below, and must not leak into other tests.
let uniqueIp = 0;
const freshIp = () => `192.0.2.${++uniqueIp}`;

describe("POST /api/v1/auth/login", () => {
  it("test_login_successful: returns both tokens and bearer type", async () => {
    const res = await login({ email: "admin@nextgenai.com", password: DEMO_PASSWORD }, { ip: freshIp() });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(["access_token", "refresh_token", "token_type"]);
    expect(res.json.token_type).toBe("bearer");
    expect(res.json.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const claims = decodeJwt(res.json.access_token);
    expect(claims.sub).toBe(fixture.people["admin@nextgenai.com"]!.id);
    expect(claims.company_id).toBe(fixture.people["admin@nextgenai.com"]!.companyId);
    expect(claims.role).toBe("ADMIN");
    expect(claims.exp! - claims.iat!).toBe(ACCESS_TOKEN_TTL_S);
    expect(claims.jti).toBeTruthy();
    expect(claims.iss).toBeTruthy();
    expect(claims.aud).toBeTruthy();
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("test_login_sets_cookie: refresh cookie is HttpOnly, Secure, SameSite=Strict, Path=/, 7 days", async () => {
    const res = await login({ email: "hr@nextgenai.com", password: DEMO_PASSWORD }, { ip: freshIp() });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toContain(`refresh_token=${res.json.refresh_token}`);
    for (const attribute of ["HttpOnly", "Secure", "SameSite=Strict", "Path=/", "Max-Age=604800"]) expect(cookie).toContain(attribute);
  });

  it("accepts the email case-insensitively", async () => {
    const res = await login({ email: "Admin@NextGenAI.com", password: DEMO_PASSWORD }, { ip: freshIp() });
    expect(res.status).toBe(200);
  });

  it("test_login_invalid_credentials: unknown email and wrong password are indistinguishable", async () => {
    const wrong = await login({ email: "admin@nextgenai.com", password: "not the password" }, { ip: freshIp() });
    const unknown = await login({ email: "nobody@nextgenai.com", password: "not the password" }, { ip: freshIp() });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.text).toBe(unknown.text);
    expect(wrong.json).toEqual({ detail: "Invalid email or password", code: "not_authenticated" });
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("refuses an inactive user with the same 401", async () => {
    const db = await getDb();
    await db.update(users).set({ isActive: false }).where(eq(users.email, "employee@nextgenai.com"));
    const res = await login({ email: "employee@nextgenai.com", password: DEMO_PASSWORD }, { ip: freshIp() });
    await db.update(users).set({ isActive: true }).where(eq(users.email, "employee@nextgenai.com"));
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ detail: "Invalid email or password", code: "not_authenticated" });
  });

  it("422 lists missing fields and a malformed email FastAPI-style", async () => {
    const missing = await login({});
    expect(missing.status).toBe(422);
    expect(missing.json.detail).toEqual(
      expect.arrayContaining([
        { loc: ["body", "email"], msg: "Field required", type: "missing" },
        { loc: ["body", "password"], msg: "Field required", type: "missing" },
      ]),
    );
    const malformed = await login({ email: "not-an-email", password: "x" });
    expect(malformed.status).toBe(422);
    expect(malformed.json.detail[0].loc).toEqual(["body", "email"]);
    const empty = await login(undefined, { rawBody: "" });
    expect(empty.status).toBe(422);
  });

  it("400 for malformed JSON", async () => {
    const res = await login(undefined, { rawBody: "{not json" });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ detail: "Invalid JSON body", code: "bad_request" });
  });

  it("audits LOGIN and LOGIN_FAILED with address and user agent, never the password", async () => {
    const address = freshIp();
    await login({ email: "lead@nextgenai.com", password: "wrong password here" }, { ip: address });
    await login({ email: "lead@nextgenai.com", password: DEMO_PASSWORD }, { ip: address });
    const db = await getDb();
    const rows = await db.select().from(auditLogs).where(and(eq(auditLogs.userId, fixture.people["lead@nextgenai.com"]!.id)));
    const actions = rows.map((r) => r.action);
    expect(actions).toContain("LOGIN_FAILED");
    expect(actions).toContain("LOGIN");
    const failed = rows.find((r) => r.action === "LOGIN_FAILED")!;
    expect(failed.ipAddress).toBe(address);
    expect(failed.companyId).toBe(fixture.people["lead@nextgenai.com"]!.companyId);
    expect(JSON.stringify(rows)).not.toContain("wrong password here");
    expect(JSON.stringify(rows)).not.toContain(DEMO_PASSWORD);
  });
});

describe("login throttling", () => {
  beforeEach(() => setKvForTests(undefined));

  it("the 6th failed attempt within a minute is 429 with Retry-After, even with the right password", async () => {
    const address = freshIp();
    for (let i = 0; i < 5; i++) {
      const res = await login({ email: "hr@nextgenai.com", password: `wrong-${i}` }, { ip: address });
      expect(res.status).toBe(401);
    }
    const throttled = await login({ email: "hr@nextgenai.com", password: DEMO_PASSWORD }, { ip: address });
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another client address, or another account, is not affected.
    expect((await login({ email: "hr@nextgenai.com", password: DEMO_PASSWORD }, { ip: freshIp() })).status).toBe(200);
    expect((await login({ email: "admin@nextgenai.com", password: DEMO_PASSWORD }, { ip: address })).status).toBe(200);
  });

  it("parallel guesses cannot slip past the count: at most 5 are checked, the rest are 429", async () => {
    const address = freshIp();
    const burst = await Promise.all(
      Array.from({ length: 15 }, (_, i) => login({ email: "lead@nextgenai.com", password: `parallel-guess-${i}` }, { ip: address })),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });

  it("a successful login clears earlier failures", async () => {
    const address = freshIp();
    for (let i = 0; i < 4; i++) await login({ email: "admin@globex.com", password: `wrong-${i}` }, { ip: address });
    expect((await login({ email: "admin@globex.com", password: DEMO_PASSWORD }, { ip: address })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login({ email: "admin@globex.com", password: `again-${i}` }, { ip: address })).status).toBe(401);
    expect((await login({ email: "admin@globex.com", password: DEMO_PASSWORD }, { ip: address })).status).toBe(429);
  });

  it("ignores a client-sent X-Forwarded-For when no proxy is trusted", async () => {
    const address = freshIp();
    for (let i = 0; i < 5; i++) {
      await call(POST, "/api/v1/auth/login", { body: { email: "lead@nextgenai.com", password: "nope" }, ip: address, headers: { "x-forwarded-for": `203.0.113.${i}` } });
    }
    const res = await call(POST, "/api/v1/auth/login", { body: { email: "lead@nextgenai.com", password: DEMO_PASSWORD }, ip: address, headers: { "x-forwarded-for": "203.0.113.99" } });
    expect(res.status).toBe(429);
  });

  it("fails closed with 503 when the cache is down", async () => {
    setKvForTests(createUpstashKv({ url: "http://127.0.0.1:9", token: "nothing-listens-here" }));
    const res = await login({ email: "admin@nextgenai.com", password: DEMO_PASSWORD }, { ip: freshIp() });
    setKvForTests(undefined);
    expect(res.status).toBe(503);
    expect(res.json.detail).toMatch(/temporarily unavailable/i);
  });

  it("counts against the cache that is configured (memory here, Redis in CI)", () => {
    expect(getKv().kind).toBe(process.env.UPSTASH_REDIS_REST_URL ? "upstash" : "memory");
    expect(createMemoryKv().kind).toBe("memory");
  });
});

describe("bcrypt queue bound", () => {
  it("a burst beyond the worker queue answers 503 with Retry-After, never 500, and the pool recovers", async () => {
    const burst = await Promise.all(
      Array.from({ length: 60 }, () => login({ email: "nobody@nextgenai.com", password: "guess" }, { ip: freshIp() })),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    const busy = burst.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]!.headers.get("retry-after")).toBe("5");
    expect(busy[0]!.json.detail).toMatch(/busy/i);
    expect((await login({ email: "admin@nextgenai.com", password: DEMO_PASSWORD }, { ip: freshIp() })).status).toBe(200);
  });
});
