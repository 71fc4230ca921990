import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import QRCode from "qrcode";
import { companies, userRecoveryCodes, userTotp, users, type Role } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { getDb, type DbOrTx } from "@/lib/db";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { matchTotp, newTotpSecret, totpUri } from "./totp";
import { openTotpSecret, sealTotpSecret } from "./totp-seal";
import { giveBackMfaAttempt, takeMfaAttempt } from "./mfa-throttle";
import { hashRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT, replaceRecoveryCodes } from "./recovery-codes";
import { refreshSessionsOf } from "./session-refresh";

// TOTP two-factor sign-in (RFC 6238, ./totp.ts): enrolment with a confirming code, ten one-time recovery codes, the
// second step of a login, turning it off, and an ADMIN's reset. A code is accepted once: the step of the last accepted
// code is stored and a step at or before it is refused, by a conditional UPDATE, so two parallel requests with the
// same code cannot both pass.

/** Roles a company can require two-factor of (companies.require_mfa_staff). */
export const MFA_REQUIRABLE_ROLES: readonly Role[] = ["HR", "ADMIN"];

export const mfaRequiredFor = (role: Role, companyRequires: boolean): boolean =>
  companyRequires && MFA_REQUIRABLE_ROLES.includes(role);

const mfaError = (message: string, reason: "mfa_required" | "mfa_invalid") =>
  new AppError("UNAUTHORIZED", message, { reason });

/** 422 on the field that held the wrong code: the caller is signed in, so this is a form error, not a failed sign-in. */
const wrongCodeError = (field: "code" | "recovery_code") =>
  new AppError("VALIDATION", "That code is not right", {
    issues: [
      {
        loc: ["body", field],
        msg:
          field === "code"
            ? "That code is not right; check the app and try again"
            : "That recovery code is unknown or already used",
        type: "value_error",
      },
    ],
  });

export const MFA_REQUIRED_MESSAGE = "Two-factor code required";
export const MFA_INVALID_MESSAGE = "Invalid two-factor code";

async function totpRowOf(db: DbOrTx, userId: string) {
  const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, userId)).limit(1);
  return row ?? null;
}

/** What the security page shows: on, waiting for its first code, or off; and whether the company requires it. */
export async function twoFactorStatus(user: { userId: string; companyId: string; role: Role }) {
  const db = await getDb();
  const row = await totpRowOf(db, user.userId);
  const [company] = await db
    .select({ requires: companies.requireMfaStaff })
    .from(companies)
    .where(eq(companies.id, user.companyId))
    .limit(1);
  const unusedRecoveryCodes = row?.enabledAt
    ? (
        await db
          .select({ id: userRecoveryCodes.id })
          .from(userRecoveryCodes)
          .where(and(eq(userRecoveryCodes.userId, user.userId), isNull(userRecoveryCodes.usedAt)))
      ).length
    : 0;
  return {
    enabled: Boolean(row?.enabledAt),
    pending: Boolean(row && !row.enabledAt),
    required: mfaRequiredFor(user.role, company?.requires ?? false),
    unusedRecoveryCodes,
  };
}

/** The otpauth URI, its QR code (an SVG data URL, rendered here) and the secret, for enrolment. */
async function enrolmentView(secretBase32: string, email: string) {
  const uri = totpUri({ secretBase32 }, email);
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret: secretBase32, uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString("base64")}` };
}

/**
 * Starts (or restarts) enrolment: a new secret, stored sealed and not yet on. Refused when two-factor is already on
 * (turn it off first), so a stolen session cannot swap the secret of an enrolled account.
 */
export async function startEnrolment(user: { userId: string; email: string }, now = new Date()) {
  const db = await getDb();
  const secret = newTotpSecret();
  const sealed = sealTotpSecret(secret, user.userId);
  const written = await db
    .insert(userTotp)
    .values({ userId: user.userId, secretSealed: sealed, createdAt: now })
    .onConflictDoUpdate({
      target: userTotp.userId,
      set: { secretSealed: sealed, createdAt: now, lastStep: null },
      setWhere: isNull(userTotp.enabledAt),
    })
    .returning({ userId: userTotp.userId });
  if (written.length === 0) throw new AppError("CONFLICT", "Two-factor sign-in is already on");
  return enrolmentView(secret, user.email);
}

/** The enrolment waiting for its first code (the page shows the same secret again after a reload), or null. */
export async function pendingEnrolment(user: { userId: string; email: string }) {
  const db = await getDb();
  const row = await totpRowOf(db, user.userId);
  if (!row || row.enabledAt) return null;
  const secret = openTotpSecret(row.secretSealed, user.userId);
  return secret ? enrolmentView(secret, user.email) : null;
}

/** Moves last_step forward to `step` only if it is later than the last accepted one; false means a replay. */
async function acceptStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(userTotp)
    .set({ lastStep: step })
    .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastStep), lt(userTotp.lastStep, step))))
    .returning({ userId: userTotp.userId });
  return rows.length > 0;
}

/** The step of a valid, unused TOTP code for this row, or null. */
function stepOf(row: { secretSealed: string; lastStep: number | null }, userId: string, code: string, now: Date) {
  const secret = openTotpSecret(row.secretSealed, userId);
  if (!secret) return null;
  const step = matchTotp({ secretBase32: secret }, code.replace(/\s/g, ""), now);
  return step !== null && (row.lastStep === null || step > row.lastStep) ? step : null;
}

export interface SignedInUser {
  userId: string;
  companyId: string;
  email: string;
}

/**
 * Confirms enrolment with one code from the app, turns two-factor on and returns ten new recovery codes (shown once;
 * only their hashes are kept). Audited MFA_ENROLLED.
 */
export async function confirmEnrolment(input: { user: SignedInUser; code: string; meta: RequestMeta; now?: Date }) {
  const now = input.now ?? new Date();
  const db = await getDb();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(userTotp).where(eq(userTotp.userId, input.user.userId)).for("update");
    if (!row) throw new AppError("CONFLICT", "Start two-factor setup first");
    if (row.enabledAt) throw new AppError("CONFLICT", "Two-factor sign-in is already on");
    const step = stepOf(row, input.user.userId, input.code, now);
    if (step === null) throw wrongCodeError("code");
    await tx.update(userTotp).set({ enabledAt: now, lastStep: step }).where(eq(userTotp.userId, input.user.userId));
    await replaceRecoveryCodes(tx, input.user.userId, codes, now);
    await writeAudit(tx, {
      action: "MFA_ENROLLED",
      companyId: input.user.companyId,
      userId: input.user.userId,
      resourceType: "user",
      resourceId: input.user.userId,
      details: { method: "totp", recovery_codes: RECOVERY_CODE_COUNT },
      meta: input.meta,
      now,
    });
  });
  await refreshSessionsOf(input.user.userId);
  return { recoveryCodes: codes };
}

/**
 * Ten new recovery codes for an enrolled user (the old ones are lost or used up), confirmed with a current code from
 * the app. The code is spent like a sign-in's (no replay) and counted by the same throttle. Audited
 * MFA_RECOVERY_CODES_REGENERATED.
 */
export async function regenerateRecoveryCodes(input: {
  user: SignedInUser;
  code: string;
  meta: RequestMeta;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  const db = await getDb();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(userTotp).where(eq(userTotp.userId, input.user.userId)).for("update");
    if (!row?.enabledAt) throw new AppError("CONFLICT", "Two-factor sign-in is not on");
    const attempt = await takeMfaAttempt(input.user.userId);
    const step = stepOf(row, input.user.userId, input.code, now);
    if (step === null || !(await acceptStep(tx, input.user.userId, step))) throw wrongCodeError("code");
    await giveBackMfaAttempt(attempt);
    const unusedReplaced = await replaceRecoveryCodes(tx, input.user.userId, codes, now);
    await writeAudit(tx, {
      action: "MFA_RECOVERY_CODES_REGENERATED",
      companyId: input.user.companyId,
      userId: input.user.userId,
      resourceType: "user",
      resourceId: input.user.userId,
      details: { recovery_codes: RECOVERY_CODE_COUNT, unused_replaced: unusedReplaced },
      meta: input.meta,
      now,
    });
  });
  return { recoveryCodes: codes };
}

/**
 * The user turns their own two-factor off with a current code from the app, or with one of their unused recovery codes
 * (a lost phone). Refused when the company requires it of their role. Audited MFA_DISABLED.
 */
export async function disableTwoFactor(input: {
  user: SignedInUser & { role: Role };
  code?: string;
  recoveryCode?: string;
  meta: RequestMeta;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [company] = await tx
      .select({ requires: companies.requireMfaStaff })
      .from(companies)
      .where(eq(companies.id, input.user.companyId));
    if (mfaRequiredFor(input.user.role, company?.requires ?? false))
      throw forbidden("Your company requires two-factor sign-in for your role");
    const [row] = await tx.select().from(userTotp).where(eq(userTotp.userId, input.user.userId)).for("update");
    if (!row?.enabledAt) throw new AppError("CONFLICT", "Two-factor sign-in is not on");
    // Guessing codes here is as good as guessing them at sign-in, so the same throttle counts them.
    const attempt = await takeMfaAttempt(input.user.userId);
    const recoveryCode = input.recoveryCode?.trim();
    if (recoveryCode) {
      const [known] = await tx
        .select({ id: userRecoveryCodes.id })
        .from(userRecoveryCodes)
        .where(
          and(
            eq(userRecoveryCodes.userId, input.user.userId),
            eq(userRecoveryCodes.codeHash, hashRecoveryCode(recoveryCode)),
            isNull(userRecoveryCodes.usedAt),
          ),
        );
      if (!known) throw wrongCodeError("recovery_code");
    } else if (stepOf(row, input.user.userId, input.code ?? "", now) === null) throw wrongCodeError("code");
    await giveBackMfaAttempt(attempt);
    await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, input.user.userId));
    await tx.delete(userTotp).where(eq(userTotp.userId, input.user.userId));
    await writeAudit(tx, {
      action: "MFA_DISABLED",
      companyId: input.user.companyId,
      userId: input.user.userId,
      resourceType: "user",
      resourceId: input.user.userId,
      details: { method: "totp", confirmed_with: recoveryCode ? "recovery_code" : "totp" },
      meta: input.meta,
      now,
    });
  });
  await refreshSessionsOf(input.user.userId);
}

/**
 * An ADMIN removes another user's two-factor (a lost phone). The target must be in the admin's company (else 404, as
 * for any resource of another company). Audited MFA_RESET with the target; the user enrols again at next sign-in if
 * their company requires it.
 */
export async function resetTwoFactor(input: {
  actor: { userId: string; companyId: string };
  targetUserId: string;
  meta: RequestMeta;
  now?: Date;
}): Promise<{ wasOn: boolean }> {
  const now = input.now ?? new Date();
  const db = await getDb();
  const wasOn = await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.id, input.targetUserId), eq(users.companyId, input.actor.companyId)));
    if (!target) throw notFound("User");
    await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, target.id));
    const removed = await tx
      .delete(userTotp)
      .where(eq(userTotp.userId, target.id))
      .returning({ enabledAt: userTotp.enabledAt });
    const on = Boolean(removed[0]?.enabledAt);
    await writeAudit(tx, {
      action: "MFA_RESET",
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "user",
      resourceId: target.id,
      details: { target_user_id: target.id, target_email: target.email, was_on: on },
      meta: input.meta,
      now,
    });
    return on;
  });
  await refreshSessionsOf(input.targetUserId);
  return { wasOn };
}

/**
 * The second step of a login whose password was right. Nothing to do without two-factor. Otherwise a TOTP code or a
 * recovery code must come with it: none is 401 mfa_required (not audited, not counted: the password step decided
 * nothing failed); a wrong or replayed one is 401 mfa_invalid, audited LOGIN_FAILED "bad_mfa_code" and counted by
 * the code throttle (./mfa-throttle.ts), which answers 429 once a user has too many.
 */
export async function checkSecondFactor(
  db: DbOrTx,
  input: {
    user: { id: string; companyId: string };
    totpCode?: string;
    recoveryCode?: string;
    kind: "api" | "web";
    meta: RequestMeta;
    now: Date;
  },
): Promise<{ method: "none" | "totp" | "recovery_code" }> {
  const row = await totpRowOf(db, input.user.id);
  if (!row?.enabledAt) return { method: "none" };
  const totpCode = input.totpCode?.trim();
  const recoveryCode = input.recoveryCode?.trim();
  if (!totpCode && !recoveryCode) throw mfaError(MFA_REQUIRED_MESSAGE, "mfa_required");

  const attempt = await takeMfaAttempt(input.user.id);
  let method: "totp" | "recovery_code" | null = null;
  if (totpCode) {
    const step = stepOf(row, input.user.id, totpCode, input.now);
    if (step !== null && (await acceptStep(db, input.user.id, step))) method = "totp";
  } else if (recoveryCode) {
    const used = await db
      .update(userRecoveryCodes)
      .set({ usedAt: input.now })
      .where(
        and(
          eq(userRecoveryCodes.userId, input.user.id),
          eq(userRecoveryCodes.codeHash, hashRecoveryCode(recoveryCode)),
          isNull(userRecoveryCodes.usedAt),
        ),
      )
      .returning({ id: userRecoveryCodes.id });
    if (used.length > 0) {
      method = "recovery_code";
      await writeAudit(db, {
        action: "MFA_RECOVERY_CODE_USED",
        companyId: input.user.companyId,
        userId: input.user.id,
        resourceType: "user",
        resourceId: input.user.id,
        details: { channel: input.kind },
        meta: input.meta,
        now: input.now,
      });
    }
  }
  if (method) {
    await giveBackMfaAttempt(attempt);
    return { method };
  }
  await writeAudit(db, {
    action: "LOGIN_FAILED",
    companyId: input.user.companyId,
    userId: input.user.id,
    resourceType: "user",
    resourceId: input.user.id,
    details: { reason: "bad_mfa_code", channel: input.kind, method: totpCode ? "totp" : "recovery_code" },
    meta: input.meta,
    now: input.now,
  });
  throw mfaError(MFA_INVALID_MESSAGE, "mfa_invalid");
}
