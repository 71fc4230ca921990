import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as logoutRoute } from "@/app/api/v1/auth/logout/route";
import { POST as changePasswordRoute } from "@/app/api/v1/auth/password/route";
import { GET as sessionsRoute } from "@/app/api/v1/auth/sessions/route";
import { GET as meRoute } from "@/app/api/v1/users/me/route";
import { getDb } from "@/db";
import { auditLogs, companies, users, type Role } from "@/db/schema";
import { changePassword } from "@/lib/auth/change-password";
import { login } from "@/lib/auth/login";
import { warmUpPasswordChecks } from "@/lib/auth/password";
import { can } from "@/lib/auth/permissions";
import { loadSignInContext } from "@/lib/auth/sign-in-sessions";
import { apiLogin } from "@/test/fixtures";
import { call } from "@/test/http";
import { DEMO_PASSWORD, freshIp } from "@/test/login-accounts";
import { useTestDb } from "@/test/use-test-db";
import { maxPasswordAgeOf, passwordAgeOf, setMaxPasswordAge } from "./password-age";
import { setTwoFactorRequired } from "./two-factor-requirement";

// Every company here is new: the demo companies' settings are shared with other test files (and the e2e run).

useTestDb();
const meta = { ip: "10.9.8.6", userAgent: "vitest" };
const DAY = 86_400_000;
const NEW_PASSWORD = "a different long passphrase";
beforeAll(() => warmUpPasswordChecks());

async function newCompany() {
  const db = await getDb();
  const [company] = await db
    .insert(companies)
    .values({ name: `Password age Co ${randomUUID()}` })
    .returning();
  return company!.id;
}

/** A new account of `role` in `companyId` with the demo password (its hash copied: no bcrypt run). */
async function account(companyId: string, role: Role = "EMPLOYEE") {
  const db = await getDb();
  const [template] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, "employee@nextgenai.com"));
  const [row] = await db
    .insert(users)
    .values({ email: `pwage-${randomUUID()}@nextgenai.com`, companyId, passwordHash: template!.passwordHash, role })
    .returning();
  return { userId: row!.id, companyId: row!.companyId, email: row!.email, role: row!.role };
}

async function setPasswordChangedAt(userId: string, at: Date) {
  const db = await getDb();
  await db.update(users).set({ passwordChangedAt: at }).where(eq(users.id, userId));
}

async function settingAudits(companyId: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, "COMPANY_SETTINGS_UPDATED"), eq(auditLogs.companyId, companyId)));
}

const webLogin = (email: string) =>
  login({ email, password: DEMO_PASSWORD, kind: "web", meta: { ip: freshIp(), userAgent: "vitest" } });

describe("the company's maximum password age", () => {
  it("is off by default; an ADMIN sets and clears it, each change audited once with from and to", async () => {
    const companyId = await newCompany();
    const admin = await account(companyId, "ADMIN");
    expect(await maxPasswordAgeOf(companyId)).toBeNull();

    expect(await setMaxPasswordAge({ actor: admin, days: 90, meta })).toEqual({ days: 90, changed: true });
    expect(await maxPasswordAgeOf(companyId)).toBe(90);
    expect(await setMaxPasswordAge({ actor: admin, days: 90, meta })).toEqual({ days: 90, changed: false });
    expect(await setMaxPasswordAge({ actor: admin, days: null, meta })).toEqual({ days: null, changed: true });
    expect(await maxPasswordAgeOf(companyId)).toBeNull();

    const rows = await settingAudits(companyId);
    expect(rows.map((r) => r.details)).toEqual(
      expect.arrayContaining([
        { setting: "max_password_age_days", from: null, to: 90 },
        { setting: "max_password_age_days", from: 90, to: null },
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ userId: admin.userId, resourceType: "company", resourceId: companyId });
  });

  it("accepts 30 and 730 days and refuses anything else with a 422 naming the field, changing nothing", async () => {
    const companyId = await newCompany();
    const admin = await account(companyId, "ADMIN");
    expect((await setMaxPasswordAge({ actor: admin, days: 30, meta })).days).toBe(30);
    expect((await setMaxPasswordAge({ actor: admin, days: 730, meta })).days).toBe(730);
    for (const bad of [29, 731, 0, -5, 45.5, Number.NaN, "90", undefined, true]) {
      await expect(setMaxPasswordAge({ actor: admin, days: bad, meta })).rejects.toMatchObject({
        status: 422,
        reason: "validation_error",
        extra: { issues: [{ loc: ["body", "max_password_age_days"] }] },
      });
    }
    expect(await maxPasswordAgeOf(companyId)).toBe(730);
    expect(await settingAudits(companyId)).toHaveLength(2);
  });

  it("only ADMIN holds the permission to change it", () => {
    expect((["EMPLOYEE", "TEAM_LEAD", "HR", "ADMIN"] as const).filter((r) => can(r, "company.password_age"))).toEqual([
      "ADMIN",
    ]);
  });

  it("a new account's password starts its age now", async () => {
    const companyId = await newCompany();
    const before = Date.now();
    const user = await account(companyId);
    const age = await passwordAgeOf(user.userId);
    expect(age).toEqual({ maxDays: null, ageDays: 0 });
    const db = await getDb();
    const [row] = await db.select({ at: users.passwordChangedAt }).from(users).where(eq(users.id, user.userId));
    expect(row!.at.getTime()).toBeGreaterThanOrEqual(before - 5_000);
  });
});

describe("an expired password", () => {
  it("flags the dashboard session once the password is older than the maximum, not at exactly the maximum", async () => {
    const companyId = await newCompany();
    const admin = await account(companyId, "ADMIN");
    const user = await account(companyId);
    const { session } = await webLogin(user.email);
    const changedAt = new Date(Date.now() - 91 * DAY);
    await setPasswordChangedAt(user.userId, changedAt);
    expect((await loadSignInContext(session.id))?.passwordExpired).toBe(false);

    // Setting it rebuilds the company's cached sessions at once.
    await setMaxPasswordAge({ actor: admin, days: 90, meta });
    const atMax = new Date(changedAt.getTime() + 90 * DAY);
    expect((await loadSignInContext(session.id, atMax))?.passwordExpired).toBe(false);
    expect((await loadSignInContext(session.id, new Date(atMax.getTime() + 1)))?.passwordExpired).toBe(true);
    expect((await loadSignInContext(session.id))?.passwordExpired).toBe(true);
    expect(await passwordAgeOf(user.userId)).toEqual({ maxDays: 90, ageDays: 91 });

    // A longer maximum makes it current again, at once.
    await setMaxPasswordAge({ actor: admin, days: 120, meta });
    expect((await loadSignInContext(session.id))?.passwordExpired).toBe(false);
    await setMaxPasswordAge({ actor: admin, days: 90, meta });
    expect((await loadSignInContext(session.id))?.passwordExpired).toBe(true);

    // Changing it clears the flag on the session used, and restarts the age.
    const context = (await loadSignInContext(session.id))!;
    await changePassword({ context, currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, meta });
    expect((await loadSignInContext(session.id))?.passwordExpired).toBe(false);
    expect(await passwordAgeOf(user.userId)).toEqual({ maxDays: 90, ageDays: 0 });
  });

  it("still lets the user sign in", async () => {
    const companyId = await newCompany();
    const admin = await account(companyId, "ADMIN");
    const user = await account(companyId);
    await setPasswordChangedAt(user.userId, new Date(Date.now() - 400 * DAY));
    await setMaxPasswordAge({ actor: admin, days: 365, meta });
    const { session } = await webLogin(user.email);
    expect((await loadSignInContext(session.id))?.passwordExpired).toBe(true);
  });

  it("API: 403 password_expired everywhere but change password, me and logout; changing it lifts the block", async () => {
    const companyId = await newCompany();
    const admin = await account(companyId, "ADMIN");
    const user = await account(companyId);
    await setPasswordChangedAt(user.userId, new Date(Date.now() - 31 * DAY));
    await setMaxPasswordAge({ actor: admin, days: 30, meta });
    const ip = freshIp();
    const tokens = await apiLogin(user.email, ip);
    const token = tokens.access_token;

    const refused = await call(sessionsRoute, "/api/v1/auth/sessions", { token, ip });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({ detail: "Your password has expired; change it", code: "password_expired" });
    expect((await call(meRoute, "/api/v1/users/me", { token, ip })).status).toBe(200);

    const changed = await call(changePasswordRoute, "/api/v1/auth/password", {
      token,
      ip,
      body: { current_password: DEMO_PASSWORD, new_password: NEW_PASSWORD },
    });
    expect(changed.status).toBe(200);
    expect((await call(sessionsRoute, "/api/v1/auth/sessions", { token, ip })).status).toBe(200);

    // Another expired client can still sign out.
    const other = await account(companyId);
    await setPasswordChangedAt(other.userId, new Date(Date.now() - 31 * DAY));
    const otherTokens = await apiLogin(other.email, ip);
    expect((await call(sessionsRoute, "/api/v1/auth/sessions", { token: otherTokens.access_token, ip })).status).toBe(
      403,
    );
    const out = await call(logoutRoute, "/api/v1/auth/logout", { token: otherTokens.access_token, ip, method: "POST" });
    expect(out.status).toBe(200);
  });

  it("API: an expired password comes before a missing two-factor set-up, so the two never lock a client out", async () => {
    const companyId = await newCompany();
    const admin = await account(companyId, "ADMIN");
    const hr = await account(companyId, "HR");
    await setPasswordChangedAt(hr.userId, new Date(Date.now() - 31 * DAY));
    await setMaxPasswordAge({ actor: admin, days: 30, meta });
    await setTwoFactorRequired({ actor: admin, required: true, meta });
    const ip = freshIp();
    const token = (await apiLogin(hr.email, ip)).access_token;

    const first = await call(sessionsRoute, "/api/v1/auth/sessions", { token, ip });
    expect(first.json).toMatchObject({ code: "password_expired" });
    const changed = await call(changePasswordRoute, "/api/v1/auth/password", {
      token,
      ip,
      body: { current_password: DEMO_PASSWORD, new_password: NEW_PASSWORD },
    });
    expect(changed.status).toBe(200);
    // Then two-factor: the same token is held to its enrolment until it is set up.
    const then = await call(sessionsRoute, "/api/v1/auth/sessions", { token, ip });
    expect(then.status).toBe(403);
    expect(then.json).toMatchObject({ code: "mfa_setup_required" });
    expect((await call(meRoute, "/api/v1/users/me", { token, ip })).status).toBe(200);
  });

  it("never flags anyone in a company with no maximum, however old the password", async () => {
    const companyId = await newCompany();
    const user = await account(companyId);
    await setPasswordChangedAt(user.userId, new Date(Date.now() - 5000 * DAY));
    const { session } = await webLogin(user.email);
    expect((await loadSignInContext(session.id))?.passwordExpired).toBe(false);
  });
});
