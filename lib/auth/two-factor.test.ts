import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as loginRoute } from "@/app/api/v1/auth/login/route";
import { getDb } from "@/db";
import { auditLogs, companies, userRecoveryCodes, users, userTotp, type Role } from "@/db/schema";
import { login } from "@/lib/auth/login";
import { warmUpPasswordChecks } from "@/lib/auth/password";
import { loadSignInContext } from "@/lib/auth/sign-in-sessions";
import { setTwoFactorRequired } from "@/lib/companies/two-factor-requirement";
import { setKvForTests } from "@/lib/kv";
import { call } from "@/test/http";
import { DEMO_PASSWORD, freshIp } from "@/test/login-accounts";
import { useTestDb } from "@/test/use-test-db";
import { MFA_FAILURE_RULE } from "./mfa-throttle";
import { hashRecoveryCode } from "./recovery-codes";
import { totpCode, totpStep } from "./totp";
import { openTotpSecret } from "./totp-seal";
import {
  confirmEnrolment,
  disableTwoFactor,
  pendingEnrolment,
  resetTwoFactor,
  startEnrolment,
  twoFactorStatus,
} from "./two-factor";

// Every account here is new (CI shares one Redis across runs, and these tests fail codes on purpose).

const fixture = useTestDb();
const meta = { ip: "10.9.8.7", userAgent: "vitest" };
beforeAll(() => warmUpPasswordChecks());
beforeEach(() => setKvForTests(undefined));

/** A new account of `role` in the demo company, or in `companyId`, with the demo password. */
async function account(role: Role = "EMPLOYEE", companyId?: string) {
  const db = await getDb();
  const [template] = await db
    .select({ companyId: users.companyId, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, "employee@nextgenai.com"));
  const [row] = await db
    .insert(users)
    .values({
      email: `mfa-${randomUUID()}@nextgenai.com`,
      companyId: companyId ?? template!.companyId,
      passwordHash: template!.passwordHash,
      role,
    })
    .returning();
  return { userId: row!.id, companyId: row!.companyId, email: row!.email, role: row!.role };
}

async function newCompany() {
  const db = await getDb();
  const [company] = await db
    .insert(companies)
    .values({ name: `MFA Co ${randomUUID()}` })
    .returning();
  return company!.id;
}

/** Mid-step instants far enough apart that tests never share a step. */
let clock = Date.UTC(2026, 5, 1, 12, 0, 15);
const nextInstant = () => new Date((clock += 10 * 60_000));
const codeAt = (secret: string, at: Date, steps = 0) =>
  totpCode({ secretBase32: secret }, new Date(at.getTime() + steps * 30_000));
/** A six-digit code valid at no step near `at` (a random wrong code could, rarely, be right). */
function wrongCode(secret: string, at: Date, seed: number): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((steps) => codeAt(secret, at, steps)));
  for (let n = seed; ; n += 7919) {
    const code = String(n % 1_000_000).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}

async function enrolled(role: Role = "EMPLOYEE", companyId?: string) {
  const user = await account(role, companyId);
  const { secret } = await startEnrolment(user);
  const at = nextInstant();
  const { recoveryCodes } = await confirmEnrolment({ user, code: codeAt(secret, at), meta, now: at });
  return { user, secret, recoveryCodes, enrolledAt: at };
}

async function audits(action: string, where: { userId?: string; resourceId?: string }) {
  const db = await getDb();
  return db
    .select()
    .from(auditLogs)
    .where(
      and(
        eq(auditLogs.action, action),
        where.userId ? eq(auditLogs.userId, where.userId) : eq(auditLogs.resourceId, where.resourceId!),
      ),
    );
}

const webLogin = (email: string, extra: { totpCode?: string; recoveryCode?: string; now?: Date } = {}) =>
  login({ email, password: DEMO_PASSWORD, kind: "web", meta: { ip: freshIp(), userAgent: "vitest" }, ...extra });

const apiLogin = (body: Record<string, string>, ip = freshIp()) =>
  call(loginRoute, "/api/v1/auth/login", { body: { password: DEMO_PASSWORD, ...body }, ip });

describe("enrolment", () => {
  it("shows a QR code and the secret, stores the secret sealed, and is on only after one right code", async () => {
    const user = await account();
    const view = await startEnrolment(user);
    expect(view.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(view.qrDataUrl.split(",")[1]!, "base64").toString()).toContain("<svg");
    expect(view.uri).toContain(`secret=${view.secret}`);
    expect((await pendingEnrolment(user))?.secret).toBe(view.secret);
    expect(await twoFactorStatus(user)).toMatchObject({ enabled: false, pending: true });

    const db = await getDb();
    const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, user.userId));
    expect(row!.secretSealed).not.toContain(view.secret);
    expect(openTotpSecret(row!.secretSealed, user.userId)).toBe(view.secret);
    expect(openTotpSecret(row!.secretSealed, randomUUID())).toBeNull(); // bound to its user

    // Until confirmed, sign-in asks for nothing more.
    await expect(webLogin(user.email)).resolves.toMatchObject({ session: { kind: "web" } });

    const at = nextInstant();
    await expect(confirmEnrolment({ user, code: codeAt(view.secret, at, 3), meta, now: at })).rejects.toMatchObject({
      status: 422,
    });
    const { recoveryCodes } = await confirmEnrolment({ user, code: codeAt(view.secret, at), meta, now: at });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await db.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.userId));
    expect(stored.map((r) => r.codeHash).sort()).toEqual(recoveryCodes.map(hashRecoveryCode).sort());
    expect(stored.some((r) => recoveryCodes.includes(r.codeHash))).toBe(false);
    expect(await twoFactorStatus(user)).toMatchObject({ enabled: true, unusedRecoveryCodes: 10 });
    const [enrolledRow] = await audits("MFA_ENROLLED", { userId: user.userId });
    expect(enrolledRow).toMatchObject({ resourceId: user.userId, details: { method: "totp", recovery_codes: 10 } });

    // An enrolled account's secret cannot be swapped by starting again.
    await expect(startEnrolment(user)).rejects.toMatchObject({ status: 409 });
  });
});

describe("sign-in with a code", () => {
  it("API: 401 mfa_required without a code, 200 with one, 401 mfa_invalid (audited) with a wrong one", async () => {
    const user = await account();
    const { secret } = await startEnrolment(user);
    const past = new Date(Date.now() - 90_000); // confirmed three steps ago, so the current code is unused
    await confirmEnrolment({ user, code: codeAt(secret, past), meta, now: past });

    const required = await apiLogin({ email: user.email });
    expect(required.status).toBe(401);
    expect(required.json).toEqual({ detail: "Two-factor code required", code: "mfa_required" });
    expect(await audits("LOGIN_FAILED", { userId: user.userId })).toHaveLength(0);

    const current = codeAt(secret, new Date());
    const wrong = wrongCode(secret, new Date(), 123456);
    const refused = await apiLogin({ email: user.email, totp_code: wrong });
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({ code: "mfa_invalid" });
    const [failed] = await audits("LOGIN_FAILED", { userId: user.userId });
    expect(failed!.details).toMatchObject({ reason: "bad_mfa_code", channel: "api" });

    const ok = await apiLogin({ email: user.email, totp_code: current });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ token_type: "bearer" });
    // The same code again: a replay.
    const replay = await apiLogin({ email: user.email, totp_code: current });
    expect(replay.status).toBe(401);
    expect(replay.json).toMatchObject({ code: "mfa_invalid" });
  });

  it("a wrong password is still the plain 401, whatever the code", async () => {
    const { user, secret } = await enrolled();
    const res = await call(loginRoute, "/api/v1/auth/login", {
      body: { email: user.email, password: "not the password", totp_code: codeAt(secret, new Date()) },
      ip: freshIp(),
    });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ code: "not_authenticated", detail: "Invalid email or password" });
  });

  it("web: the same second step opens a browser session", async () => {
    const { user, secret } = await enrolled();
    await expect(webLogin(user.email)).rejects.toMatchObject({ status: 401, reason: "mfa_required" });
    const at = nextInstant();
    const signedIn = await webLogin(user.email, { totpCode: codeAt(secret, at), now: at });
    expect(signedIn.session.kind).toBe("web");
    const [row] = (await audits("LOGIN", { userId: user.userId })).filter((r) => r.details?.channel === "web");
    expect(row).toBeDefined();
  });

  it("accepts ±1 step of drift and refuses ±2; a code is accepted once and no earlier step after it", async () => {
    const { user, secret } = await enrolled();
    const cases: [number, boolean][] = [
      [-2, false],
      [2, false],
      [-1, true],
      [1, true],
    ];
    for (const [steps, accepted] of cases) {
      const at = nextInstant();
      const attempt = webLogin(user.email, { totpCode: codeAt(secret, at, steps), now: at });
      if (accepted) await expect(attempt).resolves.toMatchObject({ session: { kind: "web" } });
      else await expect(attempt).rejects.toMatchObject({ reason: "mfa_invalid" });
    }
    const at = nextInstant();
    const code = codeAt(secret, at);
    await webLogin(user.email, { totpCode: code, now: at });
    await expect(webLogin(user.email, { totpCode: code, now: at })).rejects.toMatchObject({ reason: "mfa_invalid" });
    // The previous step's code is still inside the drift window, but it is older than the one just used.
    await expect(webLogin(user.email, { totpCode: codeAt(secret, at, -1), now: at })).rejects.toMatchObject({
      reason: "mfa_invalid",
    });
    const db = await getDb();
    const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, user.userId));
    expect(row!.lastStep).toBe(totpStep(at));
  });

  it("parallel logins with one code: exactly one gets in", async () => {
    const { user, secret } = await enrolled();
    const at = nextInstant();
    const code = codeAt(secret, at);
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => webLogin(user.email, { totpCode: code, now: at })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("a recovery code signs in once, audited", async () => {
    const { user, recoveryCodes } = await enrolled();
    const code = recoveryCodes[3]!;
    const ok = await apiLogin({ email: user.email, recovery_code: code.toUpperCase() });
    expect(ok.status).toBe(200);
    const [used] = await audits("MFA_RECOVERY_CODE_USED", { userId: user.userId });
    expect(used!.details).toMatchObject({ channel: "api" });
    const again = await apiLogin({ email: user.email, recovery_code: code });
    expect(again.status).toBe(401);
    expect(again.json).toMatchObject({ code: "mfa_invalid" });
    expect(await twoFactorStatus(user)).toMatchObject({ unusedRecoveryCodes: 9 });
  });

  it("has a throttle of its own: after 5 wrong codes even the right one is 429, the password throttle untouched", async () => {
    const { user, secret } = await enrolled();
    const ip = freshIp();
    for (let i = 0; i < MFA_FAILURE_RULE.limit; i++) {
      const res = await apiLogin({ email: user.email, totp_code: wrongCode(secret, new Date(), i * 1001) }, ip);
      expect(res.status).toBe(401);
    }
    const throttled = await apiLogin({ email: user.email, totp_code: codeAt(secret, new Date()) }, ip);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(throttled.headers.get("retry-after"))).toBeLessThanOrEqual(MFA_FAILURE_RULE.windowSeconds);
    // The password step still answers (the password throttle counted no failure): asked for a code, not throttled.
    expect((await apiLogin({ email: user.email }, ip)).json).toMatchObject({ code: "mfa_required" });
    expect(await audits("LOGIN_FAILED", { userId: user.userId })).toHaveLength(MFA_FAILURE_RULE.limit);
  });
});

describe("turning it off and resetting", () => {
  it("the user turns it off with a current code (audited); a wrong code changes nothing", async () => {
    const { user, secret } = await enrolled();
    const at = nextInstant();
    await expect(disableTwoFactor({ user, code: codeAt(secret, at, 5), meta, now: at })).rejects.toMatchObject({
      status: 422,
    });
    expect(await twoFactorStatus(user)).toMatchObject({ enabled: true });
    await disableTwoFactor({ user, code: codeAt(secret, at), meta, now: at });
    expect(await twoFactorStatus(user)).toMatchObject({ enabled: false, pending: false });
    expect(await audits("MFA_DISABLED", { userId: user.userId })).toHaveLength(1);
    await expect(webLogin(user.email)).resolves.toMatchObject({ session: { kind: "web" } });
  });

  it("an ADMIN resets another user's in their company, audited with the target; another company's is 404", async () => {
    const { user } = await enrolled();
    const globex = fixture.people["admin@globex.com"]!;
    await expect(
      resetTwoFactor({ actor: { userId: globex.id, companyId: globex.companyId }, targetUserId: user.userId, meta }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await twoFactorStatus(user)).toMatchObject({ enabled: true });

    const admin = fixture.people["admin@nextgenai.com"]!;
    const { wasOn } = await resetTwoFactor({
      actor: { userId: admin.id, companyId: admin.companyId },
      targetUserId: user.userId,
      meta,
    });
    expect(wasOn).toBe(true);
    const [row] = await audits("MFA_RESET", { resourceId: user.userId });
    expect(row).toMatchObject({ userId: admin.id, companyId: admin.companyId });
    expect(row!.details).toMatchObject({ target_user_id: user.userId, target_email: user.email, was_on: true });
    const db = await getDb();
    expect(await db.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.userId))).toHaveLength(0);
    await expect(webLogin(user.email)).resolves.toMatchObject({ session: { kind: "web" } });
  });
});

describe("the company requirement", () => {
  it("off by default; on, HR and ADMIN without two-factor are flagged in their session until they enrol", async () => {
    const companyId = await newCompany();
    const admin = await account("ADMIN", companyId);
    const hr = await account("HR", companyId);
    const employee = await account("EMPLOYEE", companyId);
    const sessionOf = async (email: string) => (await webLogin(email)).session.id;
    const [adminSid, hrSid, employeeSid] = [
      await sessionOf(admin.email),
      await sessionOf(hr.email),
      await sessionOf(employee.email),
    ];
    expect((await loadSignInContext(hrSid!))?.mfaSetupRequired).toBe(false);

    const changed = await setTwoFactorRequired({ actor: admin, required: true, meta });
    expect(changed).toEqual({ required: true, changed: true });
    const [audit] = await audits("COMPANY_SETTINGS_UPDATED", { userId: admin.userId });
    expect(audit!.details).toEqual({ setting: "require_mfa_staff", from: false, to: true });
    expect(await setTwoFactorRequired({ actor: admin, required: true, meta })).toEqual({
      required: true,
      changed: false,
    });

    expect((await loadSignInContext(adminSid!))?.mfaSetupRequired).toBe(true);
    expect((await loadSignInContext(hrSid!))?.mfaSetupRequired).toBe(true);
    expect((await loadSignInContext(employeeSid!))?.mfaSetupRequired).toBe(false);
    expect(await twoFactorStatus(hr)).toMatchObject({ required: true });
    expect(await twoFactorStatus(employee)).toMatchObject({ required: false });

    // HR enrols: the flag goes at once (the cached context is rebuilt), and they cannot turn it off.
    const { secret } = await startEnrolment(hr);
    const at = nextInstant();
    await confirmEnrolment({ user: hr, code: codeAt(secret, at), meta, now: at });
    expect((await loadSignInContext(hrSid!))?.mfaSetupRequired).toBe(false);
    const later = nextInstant();
    await expect(disableTwoFactor({ user: hr, code: codeAt(secret, later), meta, now: later })).rejects.toMatchObject({
      status: 403,
    });
    expect(await twoFactorStatus(hr)).toMatchObject({ enabled: true });

    await setTwoFactorRequired({ actor: admin, required: false, meta });
    expect((await loadSignInContext(adminSid!))?.mfaSetupRequired).toBe(false);
  });
});
