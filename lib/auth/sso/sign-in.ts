import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { users, userSsoIdentities } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { getDb, type DbOrTx } from "@/lib/db";
import { sendLater } from "@/lib/email/send-later";
import type { RequestMeta } from "@/lib/http/request-meta";
import { log } from "@/lib/log";
import { findLoginCandidate, normalizeEmail } from "@/lib/users/queries";
import { hashPassword } from "@/lib/auth/password";
import { openSignIn } from "@/lib/auth/open-sign-in";
import type { EnabledSso } from "./config";
import { domainOfEmail } from "./domains";
import { verifyIdToken } from "./id-token";

// From a provider's answer to our user and session row. Auth.js has already checked state, PKCE, nonce and the ID
// token's claims; this checks its signature, then who it is: a verified address of one of the company's domains, an
// active user of this company (or, with just-in-time accounts on, a new EMPLOYEE), the same subject as the first time.
// Every refusal is audited LOGIN_FAILED {channel: "sso", reason} and answered with its reason code, which the login
// page turns into a sentence.

export const SSO_REFUSALS = [
  "sso_invalid_token",
  "sso_no_email",
  "sso_email_unverified",
  "sso_domain",
  "sso_inactive",
  "sso_no_account",
  "sso_identity_mismatch",
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

export type SsoSignInResult =
  | { ok: true; user: { id: string; email: string }; name: string; sessionId: string }
  | { ok: false; reason: SsoRefusal };

const stringClaim = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : null);

/** LOGIN_FAILED for a provider answer we refused (or Auth.js refused before us: sso_invalid_token with its check). */
export async function auditSsoFailure(
  db: DbOrTx,
  input: {
    companyId: string;
    userId?: string | null;
    reason: SsoRefusal;
    details?: Record<string, unknown>;
    meta: RequestMeta;
    now: Date;
  },
) {
  await writeAudit(db, {
    action: "LOGIN_FAILED",
    companyId: input.companyId,
    userId: input.userId ?? null,
    resourceType: "user",
    resourceId: input.userId ?? undefined,
    details: { channel: "sso", reason: input.reason, ...input.details },
    meta: input.meta,
    now: input.now,
  });
}

class Refused extends Error {
  constructor(
    readonly reason: SsoRefusal,
    readonly userId: string | null = null,
  ) {
    super(reason);
  }
}

export async function ssoSignIn(input: {
  sso: EnabledSso;
  idToken: string | undefined;
  /** The userinfo answer (Auth.js has checked its sub equals the ID token's). */
  profile: Record<string, unknown>;
  meta: RequestMeta;
  now: Date;
}): Promise<SsoSignInResult> {
  const { sso, meta, now } = input;
  const db = await getDb();
  const refuse = async (reason: SsoRefusal, userId: string | null = null, details: Record<string, unknown> = {}) => {
    await auditSsoFailure(db, {
      companyId: sso.companyId,
      userId,
      reason,
      details: { issuer: sso.issuer, ...details },
      meta,
      now,
    });
    return { ok: false as const, reason };
  };

  let claims;
  try {
    if (!input.idToken) return refuse("sso_invalid_token", null, { check: "id_token_missing" });
    claims = await verifyIdToken(input.idToken, { issuer: sso.issuer, clientId: sso.clientId });
  } catch (error) {
    log.warn("sso id token refused", { companyId: sso.companyId, code: (error as { code?: string }).code });
    return refuse("sso_invalid_token", null, { check: (error as { code?: string }).code ?? "signature" });
  }
  const subject = stringClaim(claims.sub);
  if (!subject || (input.profile.sub !== undefined && input.profile.sub !== subject))
    return refuse("sso_invalid_token", null, { check: "sub" });

  const rawEmail = stringClaim(input.profile.email) ?? stringClaim(claims.email);
  if (!rawEmail) return refuse("sso_no_email");
  const email = normalizeEmail(rawEmail);
  const verified = input.profile.email_verified ?? claims.email_verified;
  if (sso.requireEmailVerified && verified !== true) return refuse("sso_email_unverified");
  const domain = domainOfEmail(email);
  if (!domain || !sso.domains.includes(domain)) return refuse("sso_domain");

  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v) => typeof v === "string") : undefined;
  try {
    const { alert, ...result } = await db.transaction(async (tx) => {
      let user = await findLoginCandidate(tx, { email });
      // Another company's user: the same answer as a foreign domain, so the other tenant is not revealed.
      if (user && user.companyId !== sso.companyId) throw new Refused("sso_domain");
      if (user && !user.isActive) throw new Refused("sso_inactive", user.id);
      if (!user) {
        if (!sso.jitEnabled) throw new Refused("sso_no_account");
        user = await createJitUser(tx, { sso, email, profile: input.profile, meta, now });
      }
      await bindIdentity(tx, { userId: user.id, issuer: sso.issuer, subject, now });
      const { session, alert } = await openSignIn(tx, {
        user,
        kind: "web",
        method: "sso",
        details: { channel: "sso", issuer: sso.issuer, ...(amr ? { amr } : {}) },
        meta,
        now,
      });
      const name = [user.firstName, user.lastName].filter(Boolean).join(" ") || user.email;
      return { ok: true as const, user: { id: user.id, email: user.email }, name, sessionId: session.id, alert };
    });
    if (alert) await sendLater(alert);
    return result;
  } catch (error) {
    if (error instanceof Refused) return refuse(error.reason, error.userId);
    throw error;
  }
}

/** A mailbox given to someone new keeps its address but not its subject: that is refused, not signed in. */
async function bindIdentity(
  tx: DbOrTx,
  input: { userId: string; issuer: string; subject: string; now: Date },
): Promise<void> {
  const [bound] = await tx
    .select({ issuer: userSsoIdentities.issuer, subject: userSsoIdentities.subject })
    .from(userSsoIdentities)
    .where(eq(userSsoIdentities.userId, input.userId))
    .limit(1);
  if (bound) {
    if (bound.issuer === input.issuer && bound.subject === input.subject) return;
    // A new provider for the company (the ADMIN replaced it) re-binds; the same provider with another subject does not.
    if (bound.issuer === input.issuer) throw new Refused("sso_identity_mismatch", input.userId);
    await tx
      .update(userSsoIdentities)
      .set({ issuer: input.issuer, subject: input.subject, createdAt: input.now })
      .where(eq(userSsoIdentities.userId, input.userId));
    return;
  }
  const [other] = await tx
    .select({ userId: userSsoIdentities.userId })
    .from(userSsoIdentities)
    .where(and(eq(userSsoIdentities.issuer, input.issuer), eq(userSsoIdentities.subject, input.subject)))
    .limit(1);
  // The same person at the provider already signs in as another of our users (their address changed there).
  if (other) throw new Refused("sso_identity_mismatch", input.userId);
  await tx
    .insert(userSsoIdentities)
    .values({ userId: input.userId, issuer: input.issuer, subject: input.subject, createdAt: input.now });
}

async function createJitUser(
  tx: DbOrTx,
  input: { sso: EnabledSso; email: string; profile: Record<string, unknown>; meta: RequestMeta; now: Date },
) {
  // Nobody knows this password (the column stays NOT NULL and login() uniform); the person signs in through SSO.
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  const name = (v: unknown) => stringClaim(v)?.slice(0, 255) ?? null;
  const [created] = await tx
    .insert(users)
    .values({
      companyId: input.sso.companyId,
      email: input.email,
      passwordHash,
      role: "EMPLOYEE",
      firstName: name(input.profile.given_name),
      lastName: name(input.profile.family_name),
      createdAt: input.now,
      passwordChangedAt: input.now,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!created) {
    // Two first sign-ins raced: the other one created the account.
    const user = await findLoginCandidate(tx, { email: input.email });
    if (!user || user.companyId !== input.sso.companyId) throw new Refused("sso_domain");
    return user;
  }
  await writeAudit(tx, {
    action: "USER_CREATED",
    companyId: input.sso.companyId,
    userId: created.id,
    resourceType: "user",
    resourceId: created.id,
    details: { email: created.email, role: created.role, via: "sso_jit", issuer: input.sso.issuer },
    meta: input.meta,
    now: input.now,
  });
  return created;
}
