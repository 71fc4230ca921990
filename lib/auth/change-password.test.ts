import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as changePasswordRoute } from "@/app/api/v1/auth/password/route";
import { GET as meRoute } from "@/app/api/v1/users/me/route";
import { POST as refreshRoute } from "@/app/api/v1/auth/refresh/route";
import { getDb } from "@/db";
import { auditLogs } from "@/db/schema";
import { login } from "@/lib/auth/login";
import { apiLogin, DEMO_PASSWORD } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { freshAccount } from "@/test/login-accounts";
import { useTestDb } from "@/test/use-test-db";

const fixture = useTestDb();
const NEW_PASSWORD = "a different long passphrase";

async function audits(action: string, userId: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, action), eq(auditLogs.userId, userId)));
}

describe("POST /api/v1/auth/password", () => {
  it("changes the password, keeps this session and signs out every other one (API and browser), audited", async () => {
    const email = "employee@nextgenai.com";
    const ip = fileClientIp();
    const mine = await apiLogin(email, ip);
    const otherApi = await apiLogin(email, ip);
    const browser = await login({ email, password: DEMO_PASSWORD, kind: "web", meta: { ip, userAgent: "vitest" } });
    expect(browser.session.id).toBeTruthy();

    const res = await call(changePasswordRoute, "/api/v1/auth/password", {
      token: mine.access_token,
      ip,
      body: { current_password: DEMO_PASSWORD, new_password: NEW_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ message: "Password changed", other_sessions_signed_out: 2 });

    expect((await call(meRoute, "/api/v1/users/me", { token: mine.access_token, ip })).status).toBe(200);
    expect((await call(meRoute, "/api/v1/users/me", { token: otherApi.access_token, ip })).status).toBe(401);
    const refreshed = await call(refreshRoute, "/api/v1/auth/refresh", {
      ip,
      body: { refresh_token: otherApi.refresh_token },
    });
    expect(refreshed.status).toBe(401);

    await expect(
      login({ email, password: DEMO_PASSWORD, kind: "api", meta: { ip, userAgent: "vitest" } }),
    ).rejects.toMatchObject({ status: 401 });
    await expect(
      login({ email, password: NEW_PASSWORD, kind: "api", meta: { ip, userAgent: "vitest" } }),
    ).resolves.toBeTruthy();

    const userId = fixture.people[email]!.id;
    const [audit] = await audits("PASSWORD_CHANGED", userId);
    expect(audit?.details).toEqual({ channel: "api", other_sessions_signed_out: 2 });
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
  });

  it("refuses a wrong current password on its field, counted as a failed sign-in, and changes nothing", async () => {
    // Failures on purpose go to an account of their own (test/login-accounts.ts): CI shares one Redis between runs.
    const { email, id: userId } = await freshAccount("hr@nextgenai.com");
    const ip = fileClientIp();
    const { access_token } = await apiLogin(email, ip);
    const res = await call(changePasswordRoute, "/api/v1/auth/password", {
      token: access_token,
      ip,
      body: { current_password: "not the password at all", new_password: NEW_PASSWORD },
    });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      code: "validation_error",
      detail: [expect.objectContaining({ loc: ["body", "current_password"] })],
    });
    const failures = await audits("LOGIN_FAILED", userId);
    expect(failures.at(-1)?.details).toMatchObject({ reason: "bad_password", during: "password_change" });
    expect(await audits("PASSWORD_CHANGED", userId)).toEqual([]);
    expect((await call(meRoute, "/api/v1/users/me", { token: access_token, ip })).status).toBe(200);
  });

  it.each([
    ["too short", "short one"],
    ["on the breached-password list", "password1234"],
    ["the same as the current one", DEMO_PASSWORD],
  ])("refuses a new password that is %s", async (_case, newPassword) => {
    const ip = fileClientIp();
    const { access_token } = await apiLogin("lead@nextgenai.com", ip);
    const res = await call(changePasswordRoute, "/api/v1/auth/password", {
      token: access_token,
      ip,
      body: { current_password: DEMO_PASSWORD, new_password: newPassword },
    });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ detail: [expect.objectContaining({ loc: ["body", "new_password"] })] });
  });

  it("throttles guessing at the current password like sign-in failures", async () => {
    const { email } = await freshAccount("admin@nextgenai.com");
    const ip = fileClientIp();
    const { access_token } = await apiLogin(email, ip);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await call(changePasswordRoute, "/api/v1/auth/password", {
        token: access_token,
        ip,
        body: { current_password: `guess number ${i}`, new_password: NEW_PASSWORD },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(statuses[5]).toBe(429);
  });

  it("needs a signed-in caller and a well-formed body", async () => {
    const ip = fileClientIp();
    const anonymous = await call(changePasswordRoute, "/api/v1/auth/password", {
      ip,
      body: { current_password: "x", new_password: NEW_PASSWORD },
    });
    expect(anonymous.status).toBe(401);
    const { access_token } = await apiLogin("lead@nextgenai.com", ip);
    const missing = await call(changePasswordRoute, "/api/v1/auth/password", { token: access_token, ip, body: {} });
    expect(missing.status).toBe(422);
    const broken = await call(changePasswordRoute, "/api/v1/auth/password", {
      token: access_token,
      ip,
      rawBody: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
  });
});
