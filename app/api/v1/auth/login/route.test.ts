import { and, eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, users } from "@/db/schema";
import { ACCESS_TOKEN_TTL_S } from "@/lib/auth/access-token";
import { useTestDb } from "@/test/use-test-db";
import { call, fileClientIp } from "@/test/http";
import { DEMO_PASSWORD, freshAccount, freshIp } from "@/test/login-accounts";
import { POST } from "./route";

const fixture = useTestDb();
const ip = fileClientIp();
const login = (body: unknown, opts: { ip?: string; rawBody?: string } = {}) =>
  call(
    POST,
    "/api/v1/auth/login",
    opts.rawBody !== undefined
      ? { rawBody: opts.rawBody, ip: opts.ip ?? ip, method: "POST", headers: { "content-type": "application/json" } }
      : { body, ip: opts.ip ?? ip },
  );

// Throttling, the bcrypt queue bound and anonymous rows: throttle.test.ts.

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
    for (const attribute of ["HttpOnly", "Secure", "SameSite=Strict", "Path=/", "Max-Age=604800"])
      expect(cookie).toContain(attribute);
  });

  it("accepts the email case-insensitively", async () => {
    const res = await login({ email: "Admin@NextGenAI.com", password: DEMO_PASSWORD }, { ip: freshIp() });
    expect(res.status).toBe(200);
  });

  it("test_login_invalid_credentials: unknown email and wrong password are indistinguishable", async () => {
    const { email } = await freshAccount();
    const wrong = await login({ email, password: "not the password" }, { ip: freshIp() });
    const unknown = await login({ email: "nobody@nextgenai.com", password: "not the password" }, { ip: freshIp() });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.text).toBe(unknown.text);
    expect(wrong.json).toEqual({ detail: "Invalid email or password", code: "not_authenticated" });
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("refuses an inactive user with the same 401", async () => {
    const { email } = await freshAccount();
    const db = await getDb();
    await db.update(users).set({ isActive: false }).where(eq(users.email, email));
    const res = await login({ email, password: DEMO_PASSWORD }, { ip: freshIp() });
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
    const account = await freshAccount("lead@nextgenai.com");
    const address = freshIp();
    await login({ email: account.email, password: "wrong password here" }, { ip: address });
    await login({ email: account.email, password: DEMO_PASSWORD }, { ip: address });
    const db = await getDb();
    const rows = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.userId, account.id)));
    const actions = rows.map((r) => r.action);
    expect(actions).toContain("LOGIN_FAILED");
    expect(actions).toContain("LOGIN");
    const failed = rows.find((r) => r.action === "LOGIN_FAILED")!;
    expect(failed.ipAddress).toBe(address);
    expect(failed.companyId).toBe(account.companyId);
    expect(JSON.stringify(rows)).not.toContain("wrong password here");
    expect(JSON.stringify(rows)).not.toContain(DEMO_PASSWORD);
  });
});
