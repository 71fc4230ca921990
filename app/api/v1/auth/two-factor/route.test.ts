import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { URI, type TOTP } from "otpauth";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as loginRoute } from "@/app/api/v1/auth/login/route";
import { POST as logoutRoute } from "@/app/api/v1/auth/logout/route";
import { POST as refreshRoute } from "@/app/api/v1/auth/refresh/route";
import { GET as mySessionsRoute } from "@/app/api/v1/auth/sessions/route";
import { GET as interviewsRoute } from "@/app/api/interviewer/interviews/route";
import { POST as resetRoute } from "@/app/api/v1/users/[userId]/two-factor/reset/route";
import { GET as meRoute } from "@/app/api/v1/users/me/route";
import { GET as usersRoute } from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { auditLogs, companies, users, type Role } from "@/db/schema";
import { MFA_FAILURE_RULE } from "@/lib/auth/mfa-throttle";
import { warmUpPasswordChecks } from "@/lib/auth/password";
import { setTwoFactorRequired } from "@/lib/companies/two-factor-requirement";
import { setKvForTests } from "@/lib/kv";
import { apiLogin } from "@/test/fixtures";
import { call } from "@/test/http";
import { DEMO_PASSWORD, freshAccount, freshIp } from "@/test/login-accounts";
import { useTestDb } from "@/test/use-test-db";
import { POST as disableRoute } from "./disable/route";
import { POST as confirmRoute } from "./enrol/confirm/route";
import { POST as startRoute } from "./enrol/start/route";
import { POST as regenerateRoute } from "./recovery-codes/regenerate/route";
import { GET as statusRoute } from "./route";

// The two-factor API over the rules of lib/auth/two-factor.ts, and the company requirement for Bearer callers
// (lib/auth/mfa-setup-gate.ts). Every account is new: codes fail on purpose here, and CI shares one Redis.

const fixture = useTestDb();
beforeAll(() => warmUpPasswordChecks());

// Only Date is faked, frozen mid-step (15 s into a 30 s step) and moved 10 minutes on for each test, so the codes a
// test computes for "now", the step before and the step after are exactly the ones the server judges.
let clock = Math.floor(Date.now() / 30_000) * 30_000 + 15_000;
beforeEach(() => {
  setKvForTests(undefined);
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime((clock += 10 * 60_000));
});
afterEach(() => vi.useRealTimers());

/** The code the app shows `steps` steps (30 s each) from now. */
const codeOf = (totp: TOTP, steps = 0) => totp.generate({ timestamp: Date.now() + steps * 30_000 });
/** A six-digit code valid at no step near now. */
function wrongCode(totp: TOTP, seed = 0): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((steps) => codeOf(totp, steps)));
  for (let n = 123_456 + seed; ; n += 7919) {
    const code = String(n % 1_000_000).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}

async function newCompany() {
  const db = await getDb();
  const [company] = await db
    .insert(companies)
    .values({ name: `2FA API Co ${randomUUID()}` })
    .returning({ id: companies.id });
  return company!.id;
}

/** A new account of `role` (in `companyId`, else the demo company) with the demo password. */
async function accountAs(role: Role, companyId?: string) {
  const base = await freshAccount();
  const db = await getDb();
  await db
    .update(users)
    .set({ role, ...(companyId ? { companyId } : {}) })
    .where(eq(users.id, base.id));
  return { ...base, companyId: companyId ?? base.companyId, role };
}

/** Signs a new account in over the API: its access token, refresh token and the address it uses. */
async function signedIn(role: Role = "EMPLOYEE", companyId?: string) {
  const user = await accountAs(role, companyId);
  const ip = freshIp();
  const tokens = await apiLogin(user.email, ip);
  return { ...user, ip, token: tokens.access_token, refreshToken: tokens.refresh_token };
}

type Caller = { token: string; ip: string };
const status = (c: Caller) => call(statusRoute, "/api/v1/auth/two-factor", { token: c.token, ip: c.ip });
const start = (c: Caller) =>
  call(startRoute, "/api/v1/auth/two-factor/enrol/start", { method: "POST", token: c.token, ip: c.ip });
const confirm = (c: Caller, body: unknown) =>
  call(confirmRoute, "/api/v1/auth/two-factor/enrol/confirm", { body, token: c.token, ip: c.ip });
const disable = (c: Caller, body: unknown) =>
  call(disableRoute, "/api/v1/auth/two-factor/disable", { body, token: c.token, ip: c.ip });
const regenerate = (c: Caller, body: unknown) =>
  call(regenerateRoute, "/api/v1/auth/two-factor/recovery-codes/regenerate", { body, token: c.token, ip: c.ip });
const reset = (c: Caller, userId: string) =>
  call(resetRoute, `/api/v1/users/${userId}/two-factor/reset`, {
    method: "POST",
    token: c.token,
    ip: c.ip,
    params: { userId },
  });

/** Starts enrolment over the API and reads the secret back from the otpauth URI, as an authenticator app would. */
async function startedTotp(c: Caller): Promise<TOTP> {
  const res = await start(c);
  expect(res.status).toBe(200);
  return URI.parse(res.json.otpauth_uri) as TOTP;
}

/** Enrolled over the API with the previous step's code, so the current and next steps' codes are still unused. */
async function enrolledOverApi(c: Caller) {
  const totp = await startedTotp(c);
  const res = await confirm(c, { code: codeOf(totp, -1) });
  expect(res.status).toBe(200);
  return { totp, recoveryCodes: res.json.recovery_codes as string[] };
}

async function audits(action: string, resourceId: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, action), eq(auditLogs.resourceId, resourceId)));
}

const wrongCodeBody = (field: string) => ({
  code: "validation_error",
  detail: [expect.objectContaining({ loc: ["body", field] })],
});

describe("GET /api/v1/auth/two-factor and enrolment", () => {
  it("starts with an otpauth URI and the secret (no QR image), turns on with one code, answers the codes once", async () => {
    const me = await signedIn();
    expect((await status(me)).json).toEqual({
      enabled: false,
      pending: false,
      required: false,
      setup_required: false,
      recovery_codes_left: 0,
    });

    const started = await start(me);
    expect(started.status).toBe(200);
    expect(Object.keys(started.json).sort()).toEqual(["otpauth_uri", "secret"]);
    expect(started.json.otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
    const totp = URI.parse(started.json.otpauth_uri) as TOTP;
    expect(totp.secret.base32).toBe(started.json.secret);
    expect(totp.label).toBe(me.email);
    expect((await status(me)).json).toMatchObject({ enabled: false, pending: true });

    const wrong = await confirm(me, { code: wrongCode(totp) });
    expect(wrong.status).toBe(422);
    expect(wrong.json).toEqual(wrongCodeBody("code"));
    const missing = await confirm(me, {});
    expect(missing.status).toBe(422);
    expect(missing.json.detail[0]).toMatchObject({ loc: ["body", "code"], type: "missing" });
    expect(
      (
        await call(confirmRoute, "/x", {
          rawBody: "{",
          token: me.token,
          ip: me.ip,
          method: "POST",
          headers: { "content-type": "application/json" },
        })
      ).json,
    ).toMatchObject({ code: "bad_request" });
    expect(await audits("MFA_ENROLLED", me.id)).toHaveLength(0);

    const confirmed = await confirm(me, { code: codeOf(totp) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.message).toBe("Two-factor sign-in is on");
    expect(confirmed.json.recovery_codes).toHaveLength(10);
    expect(new Set(confirmed.json.recovery_codes).size).toBe(10);
    const [enrolled] = await audits("MFA_ENROLLED", me.id);
    expect(enrolled).toMatchObject({ userId: me.id, companyId: me.companyId, details: { method: "totp" } });
    expect(enrolled!.ipAddress).toBe(me.ip);

    expect((await status(me)).json).toEqual({
      enabled: true,
      pending: false,
      required: false,
      setup_required: false,
      recovery_codes_left: 10,
    });
    // On: the secret cannot be swapped, and there is nothing left to confirm.
    expect((await start(me)).json).toMatchObject({ code: "conflict" });
    expect((await confirm(me, { code: codeOf(totp, 1) })).status).toBe(409);
    // The API login now asks for the code.
    const login = await call(loginRoute, "/api/v1/auth/login", {
      body: { email: me.email, password: DEMO_PASSWORD },
      ip: me.ip,
    });
    expect(login.json).toMatchObject({ code: "mfa_required" });
  });

  it("confirming before starting is 409; no token is 401", async () => {
    const me = await signedIn();
    expect((await confirm(me, { code: "123456" })).json).toMatchObject({ code: "conflict" });
    expect((await call(statusRoute, "/api/v1/auth/two-factor", { ip: me.ip })).status).toBe(401);
  });
});

describe("POST /api/v1/auth/two-factor/recovery-codes/regenerate", () => {
  it("replaces the codes with a current code (audited), refuses it replayed, and the old codes stop working", async () => {
    const me = await signedIn();
    const { totp, recoveryCodes: old } = await enrolledOverApi(me);

    expect((await regenerate(me, { code: wrongCode(totp) })).json).toEqual(wrongCodeBody("code"));
    const code = codeOf(totp);
    const fresh = await regenerate(me, { code });
    expect(fresh.status).toBe(200);
    expect(fresh.json.recovery_codes).toHaveLength(10);
    expect(fresh.json.recovery_codes.filter((c: string) => old.includes(c))).toEqual([]);
    const replay = await regenerate(me, { code });
    expect(replay.status).toBe(422);
    expect(replay.json).toEqual(wrongCodeBody("code"));
    // The code enrolment spent is refused as well (a step at or before the last accepted one).
    expect((await regenerate(me, { code: codeOf(totp, -1) })).status).toBe(422);

    const rows = await audits("MFA_RECOVERY_CODES_REGENERATED", me.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: me.id, details: { recovery_codes: 10, unused_replaced: 10 } });
    expect((await status(me)).json).toMatchObject({ enabled: true, recovery_codes_left: 10 });

    // An old recovery code no longer turns it off; a new one does.
    expect((await disable(me, { recovery_code: old[0] })).json).toEqual(wrongCodeBody("recovery_code"));
    expect((await disable(me, { recovery_code: fresh.json.recovery_codes[0] })).status).toBe(200);
  });

  it("is 409 without two-factor on", async () => {
    const me = await signedIn();
    expect((await regenerate(me, { code: "123456" })).json).toMatchObject({ code: "conflict" });
  });
});

describe("POST /api/v1/auth/two-factor/disable", () => {
  it("turns it off with a current code (audited); a replayed or wrong code changes nothing", async () => {
    const me = await signedIn();
    const { totp } = await enrolledOverApi(me);

    // The code that confirmed enrolment, again: a replay.
    expect((await disable(me, { code: codeOf(totp, -1) })).json).toEqual(wrongCodeBody("code"));
    expect((await disable(me, { code: wrongCode(totp) })).status).toBe(422);
    expect((await disable(me, { code: codeOf(totp), recovery_code: "abcd-efgh" })).status).toBe(422);
    expect((await disable(me, {})).json).toMatchObject({ code: "validation_error" });
    expect(await audits("MFA_DISABLED", me.id)).toHaveLength(0);
    expect((await status(me)).json).toMatchObject({ enabled: true });

    const off = await disable(me, { code: codeOf(totp) });
    expect(off.status).toBe(200);
    expect(off.json).toEqual({ message: "Two-factor sign-in is off" });
    const [row] = await audits("MFA_DISABLED", me.id);
    expect(row).toMatchObject({ userId: me.id, details: { method: "totp", confirmed_with: "totp" } });
    expect((await status(me)).json).toMatchObject({ enabled: false, recovery_codes_left: 0 });
    expect((await disable(me, { code: codeOf(totp, 1) })).json).toMatchObject({ code: "conflict" });
    // Password alone signs in again.
    expect((await apiLogin(me.email, me.ip)).token_type).toBe("bearer");
  });

  it("takes a recovery code instead (a lost phone), audited as such", async () => {
    const me = await signedIn();
    const { recoveryCodes } = await enrolledOverApi(me);
    const off = await disable(me, { recovery_code: recoveryCodes[3]!.toUpperCase() });
    expect(off.status).toBe(200);
    const [row] = await audits("MFA_DISABLED", me.id);
    expect(row!.details).toMatchObject({ confirmed_with: "recovery_code" });
  });

  it("shares the sign-in code throttle: 5 wrong codes here and the login's right code is 429", async () => {
    const me = await signedIn();
    const { totp } = await enrolledOverApi(me);
    for (let i = 0; i < MFA_FAILURE_RULE.limit; i++) {
      expect((await disable(me, { code: wrongCode(totp, i * 1001) })).status).toBe(422);
    }
    const throttled = await disable(me, { code: codeOf(totp) });
    expect(throttled.status).toBe(429);
    expect(throttled.json).toMatchObject({ code: "rate_limited" });
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await regenerate(me, { code: codeOf(totp) })).status).toBe(429);
    const login = await call(loginRoute, "/api/v1/auth/login", {
      body: { email: me.email, password: DEMO_PASSWORD, totp_code: codeOf(totp) },
      ip: freshIp(),
    });
    expect(login.status).toBe(429);
    expect((await status(me)).json).toMatchObject({ enabled: true });
  });
});

describe("POST /api/v1/users/{userId}/two-factor/reset", () => {
  it("an ADMIN resets a user of their company (audited); HR may not; another company's user is 404", async () => {
    const target = await signedIn();
    await enrolledOverApi(target);
    const admin = { token: (await apiLogin("admin@nextgenai.com", target.ip)).access_token, ip: target.ip };
    const hr = { token: (await apiLogin("hr@nextgenai.com", target.ip)).access_token, ip: target.ip };
    const otherAdmin = { token: (await apiLogin("admin@globex.com", target.ip)).access_token, ip: target.ip };

    const refused = await reset(hr, target.id);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: "forbidden" });
    const foreign = await reset(otherAdmin, target.id);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toMatchObject({ code: "not_found" });
    expect((await reset(admin, "not-a-uuid")).status).toBe(404);
    expect((await reset(admin, randomUUID())).status).toBe(404);
    expect(await audits("MFA_RESET", target.id)).toHaveLength(0);
    expect((await status(target)).json).toMatchObject({ enabled: true });

    const done = await reset(admin, target.id);
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ message: "Two-factor sign-in reset", was_on: true });
    const [row] = await audits("MFA_RESET", target.id);
    expect(row).toMatchObject({
      userId: fixture.people["admin@nextgenai.com"]!.id,
      details: { target_user_id: target.id, was_on: true },
    });
    expect((await status(target)).json).toMatchObject({ enabled: false, pending: false });
    expect((await reset(admin, target.id)).json).toMatchObject({ was_on: false });
  });
});

describe("the company requirement for Bearer callers", () => {
  it("an HR user without two-factor gets 403 mfa_setup_required except on enrolment, me and logout, until enrolled", async () => {
    const companyId = await newCompany();
    const admin = await accountAs("ADMIN", companyId);
    const hr = await signedIn("HR", companyId);
    const employee = await signedIn("EMPLOYEE", companyId);
    const second = await apiLogin(hr.email, hr.ip); // another session of the same user, to log out
    await setTwoFactorRequired({
      actor: { userId: admin.id, companyId },
      required: true,
      meta: { ip: hr.ip, userAgent: null },
    });

    const interviews = () => call(interviewsRoute, "/api/interviewer/interviews", { token: hr.token, ip: hr.ip });
    const blocked = await interviews();
    expect(blocked.status).toBe(403);
    expect(blocked.json).toEqual({
      detail: "Your company requires two-factor sign-in; set it up first",
      code: "mfa_setup_required",
    });
    expect((await call(usersRoute, "/api/v1/users", { token: hr.token, ip: hr.ip })).json).toMatchObject({
      code: "mfa_setup_required",
    });
    expect((await call(mySessionsRoute, "/api/v1/auth/sessions", { token: hr.token, ip: hr.ip })).status).toBe(403);
    expect((await regenerate(hr, { code: "123456" })).json).toMatchObject({ code: "mfa_setup_required" });
    // The requirement is for HR and ADMIN only.
    expect(
      (await call(interviewsRoute, "/api/interviewer/interviews", { token: employee.token, ip: employee.ip })).status,
    ).toBe(200);

    // Open while setting up: me, status, enrolment, logout and refresh.
    expect((await call(meRoute, "/api/v1/users/me", { token: hr.token, ip: hr.ip })).json).toMatchObject({
      role: "HR",
    });
    expect((await status(hr)).json).toMatchObject({ enabled: false, required: true, setup_required: true });
    const refreshed = await call(refreshRoute, "/api/v1/auth/refresh", {
      body: { refresh_token: second.refresh_token },
      ip: hr.ip,
    });
    expect(refreshed.status).toBe(200);
    const loggedOut = await call(logoutRoute, "/api/v1/auth/logout", {
      method: "POST",
      token: refreshed.json.access_token,
      ip: hr.ip,
    });
    expect(loggedOut.status).toBe(200);

    const totp = await startedTotp(hr);
    expect((await confirm(hr, { code: codeOf(totp) })).status).toBe(200);

    // The same token now reaches everything; turning it off is refused while the company requires it.
    expect((await interviews()).status).toBe(200);
    expect((await call(usersRoute, "/api/v1/users", { token: hr.token, ip: hr.ip })).status).toBe(200);
    expect((await status(hr)).json).toMatchObject({ enabled: true, required: true, setup_required: false });
    const keep = await disable(hr, { code: codeOf(totp, 1) });
    expect(keep.status).toBe(403);
    expect(keep.json).toMatchObject({ code: "forbidden" });

    // An ADMIN who has not set it up either must enrol before resetting; the reset puts the user back behind the
    // requirement at once.
    const adminToken = (await apiLogin(admin.email, freshIp())).access_token;
    const adminCaller = { token: adminToken, ip: hr.ip };
    expect((await reset(adminCaller, hr.id)).json).toMatchObject({ code: "mfa_setup_required" });
    await enrolledOverApi(adminCaller);
    expect((await reset(adminCaller, hr.id)).status).toBe(200);
    expect((await interviews()).json).toMatchObject({ code: "mfa_setup_required" });
  });
});
