import "server-only";
import { getDb } from "@/lib/db";
import { refreshTokens } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { sendLater } from "@/lib/email/send-later";
import { AppError, unauthorized } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { findLoginCandidate, normalizeEmail } from "@/lib/users/queries";
import { giveBackLoginAttempt, settleSuccessfulLogin, takeLoginAttempt } from "./login-throttle";
import { dummyVerify, verifyPassword } from "./password";
import { hashRefreshToken, newRefreshToken } from "./refresh-token";
import { openSignIn } from "./open-sign-in";
import { checkSecondFactor } from "./two-factor";
import { ssoRequiredFor } from "./sso/config";

export const SSO_REQUIRED_DETAIL =
  'Your company requires single sign-on: use "Sign in with your company". Password sign-in is off for this account.';

export const INVALID_CREDENTIALS = "Invalid email or password";

export interface LoginInput {
  email: string;
  password: string;
  kind: "api" | "web";
  meta: RequestMeta;
  now?: Date;
  /** The request's signal: a login whose client has gone is dropped before its bcrypt run. */
  signal?: AbortSignal;
  /** The second step (lib/auth/two-factor.ts): a code from the authenticator app, or a recovery code. */
  totpCode?: string;
  recoveryCode?: string;
}

/**
 * Checks credentials and opens a session. Unknown email, wrong password and inactive account are the same 401, and
 * take as long (an unknown email waits as long as a comparison takes, see dummyVerify). A throttled attempt is
 * refused before anything else and leaves no audit row. For API logins the session is a refresh-token family and
 * its first token is returned (only its hash is stored).
 */
export async function login(input: LoginInput) {
  const email = normalizeEmail(input.email);
  const now = input.now ?? new Date();
  const attempt = await takeLoginAttempt(email, input.meta.ip);

  const db = await getDb();
  const user = await findLoginCandidate(db, { email });
  let passwordOk: boolean;
  try {
    passwordOk = user
      ? await verifyPassword(input.password, user.passwordHash, input.signal)
      : await dummyVerify(input.password, input.signal);
  } catch (error) {
    // Busy or cancelled: no password was checked, so this was no failed attempt.
    await giveBackLoginAttempt(attempt);
    throw error;
  }

  if (!user || !passwordOk || !user.isActive) {
    const reason = !user ? "unknown_email" : !passwordOk ? "bad_password" : "inactive";
    await writeAudit(db, {
      action: "LOGIN_FAILED",
      companyId: user?.companyId ?? null,
      userId: user?.id ?? null,
      resourceType: "user",
      resourceId: user?.id,
      details: { reason, channel: input.kind },
      meta: input.meta,
      now,
    });
    throw unauthorized(INVALID_CREDENTIALS);
  }

  await settleSuccessfulLogin(attempt);
  // Asked only after the password was right, so a wrong guess learns nothing about who keeps password sign-in.
  if (await ssoRequiredFor(db, user)) {
    await writeAudit(db, {
      action: "LOGIN_FAILED",
      companyId: user.companyId,
      userId: user.id,
      resourceType: "user",
      resourceId: user.id,
      details: { reason: "sso_required", channel: input.kind },
      meta: input.meta,
      now,
    });
    throw new AppError("FORBIDDEN", SSO_REQUIRED_DETAIL, { reason: "sso_required" });
  }
  // The password was right; with two-factor on, a code must come too (throttled and audited on its own).
  await checkSecondFactor(db, {
    user,
    totpCode: input.totpCode,
    recoveryCode: input.recoveryCode,
    kind: input.kind,
    meta: input.meta,
    now,
  });
  const { alert, ...signedIn } = await db.transaction(async (tx) => {
    const { session, alert } = await openSignIn(tx, {
      user,
      kind: input.kind,
      method: "password",
      details: { channel: input.kind },
      meta: input.meta,
      now,
    });
    let refreshToken: string | null = null;
    if (input.kind === "api") {
      refreshToken = newRefreshToken();
      await tx
        .insert(refreshTokens)
        .values({ sessionId: session.id, tokenHash: hashRefreshToken(refreshToken), createdAt: now });
    }
    const { passwordHash: _hash, ...profile } = user;
    return { user: profile, session, refreshToken, alert };
  });
  if (alert) await sendLater(alert);
  return signedIn;
}
