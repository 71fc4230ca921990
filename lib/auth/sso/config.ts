import "server-only";
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { authSessions, companies, companySso, companySsoDomains, users } from "@/db/schema";
import { forgetSignInSessions, revokeSignInSession } from "@/lib/auth/sign-in-sessions";
import { auditCompanySetting } from "@/lib/companies/company-setting";
import { getDb, type DbOrTx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { discover, DiscoveryFailed, DISCOVERY_MESSAGES } from "./discovery";
import { domainOfEmail, normalizeDomain, PUBLIC_MAIL_DOMAINS } from "./domains";
import { openSsoSecret, sealSsoSecret } from "./secret-seal";

// A company's OpenID Connect provider: what an ADMIN configures (the caller checks "company.sso"), what sign-in loads,
// and the one question the login page may ask ("does this address's domain sign in with its company?"). Every change
// runs under the company row's lock and is audited COMPANY_SETTINGS_UPDATED {setting: "sso", ...}, never with the
// secret.

export interface EnabledSso {
  companyId: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  jitEnabled: boolean;
  requireEmailVerified: boolean;
  domains: string[];
}

export interface SsoSettings {
  issuer: string;
  clientId: string;
  /** False when the stored secret no longer opens (AUTH_SECRET changed): sign-in is off until it is entered again. */
  secretOpens: boolean;
  enabled: boolean;
  jitEnabled: boolean;
  requireEmailVerified: boolean;
  ssoRequired: boolean;
  breakGlassUserId: string | null;
  domains: string[];
  updatedAt: Date;
}

async function domainsOf(db: DbOrTx, companyId: string): Promise<string[]> {
  const rows = await db
    .select({ domain: companySsoDomains.domain })
    .from(companySsoDomains)
    .where(eq(companySsoDomains.companyId, companyId))
    .orderBy(companySsoDomains.domain);
  return rows.map((r) => r.domain);
}

/** The settings page's view (no secret), or null when the company has no provider. */
export async function ssoSettingsOf(companyId: string): Promise<SsoSettings | null> {
  const db = await getDb();
  const [row] = await db.select().from(companySso).where(eq(companySso.companyId, companyId)).limit(1);
  if (!row) return null;
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    secretOpens: openSsoSecret(row.clientSecretSealed, companyId) !== null,
    enabled: row.enabled,
    jitEnabled: row.jitEnabled,
    requireEmailVerified: row.requireEmailVerified,
    ssoRequired: row.ssoRequired,
    breakGlassUserId: row.breakGlassUserId,
    domains: await domainsOf(db, companyId),
    updatedAt: row.updatedAt,
  };
}

/** What sign-in needs, or null when the company has no enabled provider (or its secret no longer opens). */
export async function loadEnabledSso(companyId: string): Promise<EnabledSso | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(companySso)
    .where(and(eq(companySso.companyId, companyId), eq(companySso.enabled, true)))
    .limit(1);
  if (!row) return null;
  const clientSecret = openSsoSecret(row.clientSecretSealed, companyId);
  if (clientSecret === null) return null;
  return {
    companyId,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret,
    jitEnabled: row.jitEnabled,
    requireEmailVerified: row.requireEmailVerified,
    domains: await domainsOf(db, companyId),
  };
}

/** The company whose enabled provider signs in this address's domain, or null. One index probe. */
export async function ssoCompanyForEmail(email: string): Promise<string | null> {
  const domain = domainOfEmail(email);
  if (!domain) return null;
  const db = await getDb();
  const [row] = await db
    .select({ companyId: companySso.companyId })
    .from(companySsoDomains)
    .innerJoin(companySso, eq(companySso.companyId, companySsoDomains.companyId))
    .where(and(eq(companySsoDomains.domain, domain), eq(companySso.enabled, true)))
    .limit(1);
  return row?.companyId ?? null;
}

/**
 * Whether this user must sign in through the company's provider (SSO is enabled and required, and they are not the
 * break-glass ADMIN). login() asks after the password was verified, so a wrong password learns nothing from it.
 */
export async function ssoRequiredFor(db: DbOrTx, user: { id: string; companyId: string }): Promise<boolean> {
  const [row] = await db
    .select({ breakGlassUserId: companySso.breakGlassUserId })
    .from(companySso)
    .where(
      and(eq(companySso.companyId, user.companyId), eq(companySso.enabled, true), eq(companySso.ssoRequired, true)),
    )
    .limit(1);
  return row !== undefined && row.breakGlassUserId !== user.id;
}

const invalid = (field: string, msg: string) =>
  new AppError("VALIDATION", msg, {
    reason: "sso_config_invalid",
    issues: [{ loc: ["body", field], msg, type: "sso" }],
  });

export interface SsoInput {
  issuer: string;
  clientId: string;
  /** Empty keeps the stored secret; required the first time. */
  clientSecret?: string;
  domains: string[];
  enabled: boolean;
  jitEnabled: boolean;
  requireEmailVerified: boolean;
}

/** Checks the domains an ADMIN asks for: well-formed, not a public mailbox provider, nobody else's. */
async function checkDomains(db: DbOrTx, companyId: string, raw: string[]): Promise<string[]> {
  const domains: string[] = [];
  for (const entry of raw) {
    const domain = normalizeDomain(entry);
    if (!domain) throw invalid("domains", `"${entry}" is not a domain name (for example example.com).`);
    if (PUBLIC_MAIL_DOMAINS.has(domain))
      throw invalid("domains", `${domain} is a public mail provider; only your company's own domains can be used.`);
    if (!domains.includes(domain)) domains.push(domain);
  }
  if (domains.length === 0) throw invalid("domains", "Add at least one email domain, for example example.com.");
  if (domains.length > 20) throw invalid("domains", "At most 20 domains.");
  const claimed = await db
    .select({ domain: companySsoDomains.domain })
    .from(companySsoDomains)
    .where(and(inArray(companySsoDomains.domain, domains), ne(companySsoDomains.companyId, companyId)))
    .limit(1);
  // A domain where another company has users cannot be pointed at this company's provider either: it would put
  // that company's sign-in button on someone else's identity provider.
  const foreignUsers = await db
    .select({ email: users.email })
    .from(users)
    .where(
      and(ne(users.companyId, companyId), inArray(sql<string>`lower(split_part(${users.email}, '@', 2))`, domains)),
    )
    .limit(1);
  const taken = claimed[0]?.domain ?? (foreignUsers[0] ? domainOfEmail(foreignUsers[0].email) : null);
  if (taken)
    throw new AppError("CONFLICT", `${taken} belongs to another organisation here and cannot be used.`, {
      reason: "sso_domain_taken",
      issues: [{ loc: ["body", "domains"], msg: `${taken} belongs to another organisation here.`, type: "sso" }],
    });
  return domains;
}

/**
 * Creates or replaces the company's provider. The issuer is checked first (discovery, PKCE, https) and stored as the
 * provider spells it. Returns whether anything changed.
 */
export async function saveSso(input: {
  actor: { userId: string; companyId: string };
  sso: SsoInput;
  meta: RequestMeta;
}): Promise<{ created: boolean }> {
  const { actor, sso } = input;
  const clientId = sso.clientId.trim();
  if (!clientId) throw invalid("client_id", "Enter the client ID the provider gave you.");
  let issuer: string;
  try {
    issuer = (await discover(sso.issuer.trim())).issuer;
  } catch (error) {
    if (error instanceof DiscoveryFailed) throw invalid("issuer", DISCOVERY_MESSAGES[error.problem]);
    if (error instanceof TypeError) throw invalid("issuer", "Enter the issuer as a full https:// address.");
    throw error;
  }
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [company] = await tx
      .select({ id: companies.id })
      .from(companies)
      .where(eq(companies.id, actor.companyId))
      .for("update");
    if (!company) throw notFound("Company");
    const domains = await checkDomains(tx, actor.companyId, sso.domains);
    const [existing] = await tx.select().from(companySso).where(eq(companySso.companyId, actor.companyId)).limit(1);
    const secret = sso.clientSecret?.trim();
    if (!secret && (!existing || openSsoSecret(existing.clientSecretSealed, actor.companyId) === null))
      throw invalid("client_secret", "Enter the client secret the provider gave you.");
    const sealed = secret ? sealSsoSecret(secret, actor.companyId) : existing!.clientSecretSealed;
    const values = {
      issuer,
      clientId,
      clientSecretSealed: sealed,
      enabled: sso.enabled,
      jitEnabled: sso.jitEnabled,
      requireEmailVerified: sso.requireEmailVerified,
      updatedAt: new Date(),
    };
    if (existing) await tx.update(companySso).set(values).where(eq(companySso.companyId, actor.companyId));
    else await tx.insert(companySso).values({ companyId: actor.companyId, ...values });
    await tx.delete(companySsoDomains).where(eq(companySsoDomains.companyId, actor.companyId));
    await tx.insert(companySsoDomains).values(domains.map((domain) => ({ domain, companyId: actor.companyId })));
    await auditCompanySetting(tx, {
      actor: actor,
      details: {
        setting: "sso",
        issuer,
        client_id: clientId,
        secret_changed: Boolean(secret),
        domains,
        enabled: sso.enabled,
        jit_enabled: sso.jitEnabled,
        require_email_verified: sso.requireEmailVerified,
        created: !existing,
      },
      meta: input.meta,
    });
    return { created: !existing };
  });
  return result;
}

/**
 * Requires SSO of everyone but one break-glass ADMIN, or stops. Turning it on signs out every password session of the
 * others, at once. Needs an enabled provider and an active ADMIN of the company as break-glass.
 */
export async function setSsoRequired(input: {
  actor: { userId: string; companyId: string };
  required: boolean;
  breakGlassUserId?: string | null;
  meta: RequestMeta;
}): Promise<{ changed: boolean; signedOut: number }> {
  const { actor } = input;
  const now = new Date();
  const db = await getDb();
  const { changed, revoked } = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(companySso).where(eq(companySso.companyId, actor.companyId)).for("update");
    if (!row) throw new AppError("CONFLICT", "Set up your company's OpenID provider first.", { reason: "conflict" });
    let breakGlass = row.breakGlassUserId;
    if (input.required) {
      if (!row.enabled) throw new AppError("CONFLICT", "Turn single sign-on on before requiring it.");
      const candidate = input.breakGlassUserId ?? row.breakGlassUserId;
      const [admin] = candidate
        ? await tx
            .select({ id: users.id })
            .from(users)
            .where(
              and(
                eq(users.id, candidate),
                eq(users.companyId, actor.companyId),
                eq(users.role, "ADMIN"),
                eq(users.isActive, true),
              ),
            )
            .limit(1)
        : [];
      if (!admin) throw invalid("break_glass_user_id", "Choose an active admin who keeps password sign-in.");
      breakGlass = admin.id;
    }
    if (row.ssoRequired === input.required && breakGlass === row.breakGlassUserId)
      return { changed: false, revoked: [] as string[] };
    await tx
      .update(companySso)
      .set({ ssoRequired: input.required, breakGlassUserId: breakGlass, updatedAt: now })
      .where(eq(companySso.companyId, actor.companyId));
    let revoked: string[] = [];
    if (input.required) {
      const live = await tx
        .select({ id: authSessions.id })
        .from(authSessions)
        .where(
          and(
            eq(authSessions.companyId, actor.companyId),
            eq(authSessions.method, "password"),
            isNull(authSessions.revokedAt),
            ne(authSessions.userId, breakGlass!),
          ),
        );
      for (const s of live) await revokeSignInSession(tx, { sessionId: s.id, reason: "sso_required", now });
      revoked = live.map((s) => s.id);
    }
    await auditCompanySetting(tx, {
      actor: actor,
      details: {
        setting: "sso_required",
        from: row.ssoRequired,
        to: input.required,
        break_glass_user_id: breakGlass,
        sessions_signed_out: revoked.length,
      },
      meta: input.meta,
      now,
    });
    return { changed: true, revoked };
  });
  await forgetSignInSessions(revoked, { revoked: true });
  return { changed, signedOut: revoked.length };
}

/** Removes the provider, its domains and the requirement; users keep their passwords. */
export async function removeSso(input: {
  actor: { userId: string; companyId: string };
  meta: RequestMeta;
}): Promise<{ removed: boolean }> {
  const db = await getDb();
  const removed = await db.transaction(async (tx) => {
    const gone = await tx
      .delete(companySso)
      .where(eq(companySso.companyId, input.actor.companyId))
      .returning({ issuer: companySso.issuer });
    if (gone.length === 0) return false;
    await auditCompanySetting(tx, {
      actor: input.actor,
      details: { setting: "sso", removed: true, issuer: gone[0]!.issuer },
      meta: input.meta,
    });
    return true;
  });
  return { removed };
}
