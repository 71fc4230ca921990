import { generateKeyPair } from "jose";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { auditLogs, authSessions, companies, users, userSsoIdentities } from "@/db/schema";
import { POST as loginRoute } from "@/app/api/v1/auth/login/route";
import { call } from "@/test/http";
import { DEMO_PASSWORD, freshIp } from "@/test/login-accounts";
import { startTestIdp, type TestIdp } from "@/test/oidc-provider";
import { APP_ORIGIN, newBrowser, signInWithIdp } from "@/test/oidc-browser";
import { useTestDb } from "@/test/use-test-db";
import { loadSignInContext } from "@/lib/auth/sign-in-sessions";
import { listSignInSessions } from "@/lib/auth/manage-sessions";
import { saveSso, setSsoRequired } from "./config";
import { clearSsoIdentity, ssoLinkedUserIds } from "./identity";
import { ssoRedirectUri } from "./provider";

// SSO end to end against a real OpenID provider (oidc-provider) through Auth.js's real route handlers: the provider's
// authorize, login and token endpoints over HTTP, the app's sign-in and callback in this process, and the rows the
// sign-in leaves (session, identity link, audit).

const fixture = useTestDb();
const meta = { ip: "203.0.113.9", userAgent: "vitest" };
let idp: TestIdp;
let acme: { companyId: string; adminId: string; aliceId: string };
let betaCompanyId: string;

async function addUser(companyId: string, email: string, role: "ADMIN" | "HR" | "EMPLOYEE") {
  const db = await getDb();
  const [template] = await db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.email, "admin@nextgenai.com"));
  const [row] = await db
    .insert(users)
    .values({ companyId, email, role, passwordHash: template!.hash, firstName: email.split("@")[0] })
    .returning({ id: users.id });
  return row!.id;
}

const lastAudit = async (action: "LOGIN" | "LOGIN_FAILED" | "USER_CREATED" | "COMPANY_SETTINGS_UPDATED") => {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.companyId, acme.companyId), eq(auditLogs.action, action)))
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
    .limit(1);
  return row;
};

const attempt = (sub: string, extra: Partial<Parameters<typeof signInWithIdp>[1]> = {}) =>
  signInWithIdp(newBrowser({ ip: freshIp() }), { companyId: acme.companyId, sub, ...extra });

beforeAll(async () => {
  const db = await getDb();
  const [company] = await db.insert(companies).values({ name: "Acme SSO" }).returning({ id: companies.id });
  const companyId = company!.id;
  acme = {
    companyId,
    adminId: await addUser(companyId, "admin@acme.test", "ADMIN"),
    aliceId: await addUser(companyId, "alice@acme.test", "HR"),
  };
  const [beta] = await db.insert(companies).values({ name: "Beta SSO" }).returning({ id: companies.id });
  betaCompanyId = beta!.id;
  const betaAdmin = await addUser(betaCompanyId, "admin@beta.test", "ADMIN");
  idp = await startTestIdp({
    redirectUris: [ssoRedirectUri(APP_ORIGIN, companyId), ssoRedirectUri(APP_ORIGIN, betaCompanyId)],
  });
  idp.accounts.set("alice-sub", { email: "alice@acme.test", email_verified: true, given_name: "Alice" });
  await saveSso({
    actor: { userId: acme.adminId, companyId },
    sso: {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      domains: ["Acme.TEST"],
      enabled: true,
      jitEnabled: false,
      requireEmailVerified: true,
    },
    meta,
  });
  // Beta trusts the same provider (one client) for its own domain.
  await saveSso({
    actor: { userId: betaAdmin, companyId: betaCompanyId },
    sso: {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      domains: ["beta.test"],
      enabled: true,
      jitEnabled: true,
      requireEmailVerified: true,
    },
    meta,
  });
});

afterAll(async () => {
  await idp?.close();
});

describe("SSO sign-in through a real OpenID provider", () => {
  it("signs a known user in: a session row by SSO, the identity bound, LOGIN audited", async () => {
    const result = await attempt("alice-sub");
    expect(result.landing).toBe("/dashboard");
    expect(result.session?.user?.email).toBe("alice@acme.test");
    const sid = result.session?.sid;
    expect(sid).toBeTruthy();
    const db = await getDb();
    const [session] = await db.select().from(authSessions).where(eq(authSessions.id, sid!));
    expect(session).toMatchObject({ userId: acme.aliceId, method: "sso", kind: "web", revokedAt: null });
    const [identity] = await db.select().from(userSsoIdentities).where(eq(userSsoIdentities.userId, acme.aliceId));
    expect(identity).toMatchObject({ issuer: idp.issuer, subject: "alice-sub" });
    const context = await loadSignInContext(sid!);
    const listed = await listSignInSessions({ actor: context! });
    expect(listed.sessions.find((s) => s.id === sid)).toMatchObject({ method: "sso", current: true });
    const audit = await lastAudit("LOGIN");
    expect(audit).toMatchObject({ userId: acme.aliceId });
    expect(audit!.details).toMatchObject({ channel: "sso", session_id: sid, issuer: idp.issuer });
  });

  it("refuses an ID token for another audience (re-signed with the provider's own key)", async () => {
    const before = idp.hooks.tokenResponses;
    idp.hooks.tamper = (claims) => ({ ...claims, aud: "another-client" });
    try {
      const result = await attempt("alice-sub");
      expect(result.landing).toBe("/login?error=Configuration");
      expect(result.session).toBeNull();
    } finally {
      idp.hooks.tamper = undefined;
    }
    expect(idp.hooks.tokenResponses).toBe(before + 1); // the provider really issued it
    const audit = await lastAudit("LOGIN_FAILED");
    expect(audit!.details).toMatchObject({ channel: "sso", reason: "sso_invalid_token", claim: "aud" });
  });

  it("refuses a wrong nonce (the authorize request's nonce is not the one the browser's cookie holds)", async () => {
    const result = await attempt("alice-sub", { editAuthorizeUrl: (url) => url.searchParams.set("nonce", "forged") });
    expect(result.landing).toBe("/login?error=Configuration");
    expect(result.session).toBeNull();
    const audit = await lastAudit("LOGIN_FAILED");
    expect(audit!.details).toMatchObject({ channel: "sso", reason: "sso_invalid_token", claim: "nonce" });
  });

  it("refuses an expired ID token, and accepts one within the 30 s tolerance", async () => {
    const now = Math.floor(Date.now() / 1000);
    idp.hooks.tamper = (claims) => ({ ...claims, iat: now - 3660, exp: now - 60 });
    try {
      const result = await attempt("alice-sub");
      expect(result.landing).toBe("/login?error=Configuration");
      expect(result.session).toBeNull();
      const audit = await lastAudit("LOGIN_FAILED");
      expect(audit!.details).toMatchObject({ reason: "sso_invalid_token", claim: "exp" });

      idp.hooks.tamper = (claims) => ({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 });
      expect((await attempt("alice-sub")).landing).toBe("/dashboard");
    } finally {
      idp.hooks.tamper = undefined;
    }
  });

  it("refuses an ID token signed with a key the provider never published (Auth.js does not check signatures)", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    idp.hooks.signWith = { kid: "not-published", privateKey };
    try {
      const result = await attempt("alice-sub");
      expect(result.landing).toBe("/login?error=sso_invalid_token");
      expect(result.session).toBeNull();
    } finally {
      idp.hooks.signWith = undefined;
    }
    const audit = await lastAudit("LOGIN_FAILED");
    expect(audit!.details).toMatchObject({ channel: "sso", reason: "sso_invalid_token" });
  });

  it("refuses an address outside the company's domains", async () => {
    idp.accounts.set("mallory-sub", { email: "mallory@evil.test", email_verified: true });
    const result = await attempt("mallory-sub");
    expect(result.landing).toBe("/login?error=sso_domain");
    expect(result.session).toBeNull();
    expect((await lastAudit("LOGIN_FAILED"))!.details).toMatchObject({ channel: "sso", reason: "sso_domain" });
  });

  it("refuses another company's user even when the company's provider vouches for the address", async () => {
    idp.accounts.set("hr-nextgen", { email: "hr@nextgenai.com", email_verified: true });
    // nextgenai.com is not one of Acme's domains, and could not be added (its users belong to NextGen).
    expect((await attempt("hr-nextgen")).landing).toBe("/login?error=sso_domain");
  });

  it("refuses an address the provider has not verified", async () => {
    idp.accounts.set("unverified-sub", { email: "unverified@acme.test", email_verified: false });
    const result = await attempt("unverified-sub");
    expect(result.landing).toBe("/login?error=sso_email_unverified");
    expect((await lastAudit("LOGIN_FAILED"))!.details).toMatchObject({ reason: "sso_email_unverified" });
  });

  it("just-in-time accounts: off refuses an unknown address; on creates an EMPLOYEE, audited", async () => {
    idp.accounts.set("bob-sub", {
      email: "bob@acme.test",
      email_verified: true,
      given_name: "Bob",
      family_name: "Stone",
    });
    const refused = await attempt("bob-sub");
    expect(refused.landing).toBe("/login?error=sso_no_account");
    expect((await lastAudit("LOGIN_FAILED"))!.details).toMatchObject({ reason: "sso_no_account" });
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.email, "bob@acme.test"))).toHaveLength(0);

    await saveSso({
      actor: { userId: acme.adminId, companyId: acme.companyId },
      sso: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        domains: ["acme.test"],
        enabled: true,
        jitEnabled: true,
        requireEmailVerified: true,
      },
      meta,
    });
    const result = await attempt("bob-sub");
    expect(result.landing).toBe("/dashboard");
    const [bob] = await db.select().from(users).where(eq(users.email, "bob@acme.test"));
    expect(bob).toMatchObject({ companyId: acme.companyId, role: "EMPLOYEE", firstName: "Bob", lastName: "Stone" });
    const created = await lastAudit("USER_CREATED");
    expect(created).toMatchObject({ resourceId: bob!.id });
    expect(created!.details).toMatchObject({ via: "sso_jit", role: "EMPLOYEE" });
  });

  it("refuses the same address from another subject (a mailbox given to someone new)", async () => {
    idp.accounts.set("alice-new-owner", { email: "alice@acme.test", email_verified: true });
    const result = await attempt("alice-new-owner");
    expect(result.landing).toBe("/login?error=sso_identity_mismatch");
    expect((await lastAudit("LOGIN_FAILED"))!).toMatchObject({ userId: acme.aliceId });
  });

  it("refuses a provider's answer for one company replayed on another company's callback", async () => {
    const result = await attempt("alice-sub", {
      editCallbackUrl: (url) => {
        url.pathname = url.pathname.replace(acme.companyId, betaCompanyId);
      },
    });
    expect(result.landing).toMatch(/^\/login\?error=/);
    expect(result.session).toBeNull();
  });

  it("an SSO session is exempt from the company's two-factor and password-age rules (the provider owns them)", async () => {
    const db = await getDb();
    await db
      .update(companies)
      .set({ requireMfaStaff: true, maxPasswordAgeDays: 30 })
      .where(eq(companies.id, acme.companyId));
    await db
      .update(users)
      .set({ passwordChangedAt: new Date(Date.now() - 90 * 86_400_000) })
      .where(eq(users.id, acme.aliceId));
    try {
      const result = await attempt("alice-sub");
      const context = await loadSignInContext(result.session!.sid!);
      expect(context).toMatchObject({ userId: acme.aliceId, method: "sso", mfaSetupRequired: false });
      expect(context?.passwordExpired).toBe(false);
      // The same user signing in with the password is held to both.
      const [passwordSession] = await db
        .insert(authSessions)
        .values({
          userId: acme.aliceId,
          companyId: acme.companyId,
          kind: "web",
          expiresAt: new Date(Date.now() + 3_600_000),
        })
        .returning({ id: authSessions.id });
      const held = await loadSignInContext(passwordSession!.id);
      expect(held).toMatchObject({ method: "password", mfaSetupRequired: true, passwordExpired: true });
    } finally {
      await db
        .update(companies)
        .set({ requireMfaStaff: false, maxPasswordAgeDays: null })
        .where(eq(companies.id, acme.companyId));
    }
  });

  it("refuses an inactive user", async () => {
    const carolId = await addUser(acme.companyId, "carol@acme.test", "EMPLOYEE");
    const db = await getDb();
    await db.update(users).set({ isActive: false }).where(eq(users.id, carolId));
    idp.accounts.set("carol-sub", { email: "carol@acme.test", email_verified: true });
    expect((await attempt("carol-sub")).landing).toBe("/login?error=sso_inactive");
  });
});

describe("SSO required", () => {
  it("refuses password sign-in to everyone but the break-glass admin, signs out their password sessions, and SSO still works", async () => {
    const daveId = await addUser(acme.companyId, "dave@acme.test", "HR");
    const ip = freshIp();
    const before = await call(loginRoute, "/api/v1/auth/login", {
      body: { email: "dave@acme.test", password: DEMO_PASSWORD },
      ip,
    });
    expect(before.status).toBe(200);

    const outcome = await setSsoRequired({
      actor: { userId: acme.adminId, companyId: acme.companyId },
      required: true,
      breakGlassUserId: acme.adminId,
      meta,
    });
    expect(outcome.changed).toBe(true);
    expect(outcome.signedOut).toBeGreaterThanOrEqual(1);
    const db = await getDb();
    const daveSessions = await db.select().from(authSessions).where(eq(authSessions.userId, daveId));
    expect(daveSessions.every((s) => s.revokedAt !== null && s.revokedReason === "sso_required")).toBe(true);
    expect((await lastAudit("COMPANY_SETTINGS_UPDATED"))!.details).toMatchObject({
      setting: "sso_required",
      to: true,
      break_glass_user_id: acme.adminId,
    });

    const refused = await call(loginRoute, "/api/v1/auth/login", {
      body: { email: "dave@acme.test", password: DEMO_PASSWORD },
      ip,
    });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: "sso_required" });
    expect(refused.json.detail).toMatch(/single sign-on/);
    expect((await lastAudit("LOGIN_FAILED"))!).toMatchObject({ userId: daveId });
    expect((await lastAudit("LOGIN_FAILED"))!.details).toMatchObject({ reason: "sso_required", channel: "api" });

    // A wrong password is the usual 401: the requirement is only told to someone who knows the password.
    const wrong = await call(loginRoute, "/api/v1/auth/login", {
      body: { email: "dave@acme.test", password: "not-the-password" },
      ip: freshIp(),
    });
    expect(wrong.status).toBe(401);

    const breakGlass = await call(loginRoute, "/api/v1/auth/login", {
      body: { email: "admin@acme.test", password: DEMO_PASSWORD },
      ip,
    });
    expect(breakGlass.status).toBe(200);

    idp.accounts.set("dave-sub", { email: "dave@acme.test", email_verified: true });
    const viaSso = await attempt("dave-sub");
    expect(viaSso.landing).toBe("/dashboard");
    expect(viaSso.session?.sid).toBeTruthy();
  });

  it("needs an active admin of the company as break-glass", async () => {
    const actor = { userId: acme.adminId, companyId: acme.companyId };
    await expect(setSsoRequired({ actor, required: true, breakGlassUserId: acme.aliceId, meta })).rejects.toMatchObject(
      { status: 422, reason: "sso_config_invalid" },
    );
    await expect(
      setSsoRequired({ actor, required: true, breakGlassUserId: fixture.people["admin@nextgenai.com"]!.id, meta }),
    ).rejects.toMatchObject({ status: 422 });
  });
});

describe("clearing a user's SSO link", () => {
  it("lets the provider's new subject for the address sign in, audited; another company's user is 404", async () => {
    const actor = { userId: acme.adminId, companyId: acme.companyId };
    // alice-sub is bound from the first test; alice-new-owner was refused above.
    expect(await ssoLinkedUserIds([acme.aliceId, acme.adminId])).toEqual(new Set([acme.aliceId]));
    await expect(
      clearSsoIdentity({ actor, targetUserId: fixture.people["admin@nextgenai.com"]!.id, meta }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await clearSsoIdentity({ actor, targetUserId: acme.aliceId, meta })).toEqual({ wasLinked: true });
    const db = await getDb();
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.companyId, acme.companyId), eq(auditLogs.action, "SSO_IDENTITY_CLEARED")));
    expect(audit).toMatchObject({ userId: acme.adminId, resourceId: acme.aliceId });
    expect((await attempt("alice-new-owner")).landing).toBe("/dashboard");
    expect(await clearSsoIdentity({ actor, targetUserId: acme.adminId, meta })).toEqual({ wasLinked: false });
  });
});
