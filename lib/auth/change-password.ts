import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { giveBackLoginAttempt, settleSuccessfulLogin, takeLoginAttempt } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password";
import { passwordProblem } from "./password-policy";
import {
  forgetSignInSessions,
  liveSignInSessionIds,
  revokeSignInSession,
  type SignInContext,
} from "./sign-in-sessions";

// A signed-in user changes their own password: the current one proves it is them (a wrong one counts as a failed
// sign-in against the same throttle, so a stolen session cannot guess at it), the new one passes the password policy
// (length and the breached-password list) and differs from the current one. It restarts the password's age
// (users.password_changed_at, for a company's maximum password age). Every other session of theirs, in the
// browser and the API, is signed out in the same transaction; the one they used stays.

export interface ChangePasswordInput {
  context: SignInContext;
  currentPassword: string;
  newPassword: string;
  meta: RequestMeta;
  now?: Date;
}

function fieldError(field: "current_password" | "new_password", message: string): AppError {
  return new AppError("VALIDATION", message, { issues: [{ loc: ["body", field], msg: message, type: "value_error" }] });
}

/** Returns how many other sessions were signed out. */
export async function changePassword(input: ChangePasswordInput): Promise<{ signedOut: number }> {
  const { context } = input;
  const now = input.now ?? new Date();
  const problem = passwordProblem(input.newPassword);
  if (problem) throw fieldError("new_password", problem);
  if (input.newPassword === input.currentPassword)
    throw fieldError("new_password", "Choose a password different from the current one");

  const attempt = await takeLoginAttempt(context.email, input.meta.ip);
  const db = await getDb();
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, context.userId));
  if (!user) throw new AppError("UNAUTHORIZED", "Not authenticated");
  let currentOk: boolean;
  try {
    currentOk = await verifyPassword(input.currentPassword, user.passwordHash);
  } catch (error) {
    await giveBackLoginAttempt(attempt);
    throw error;
  }
  if (!currentOk) {
    await writeAudit(db, {
      action: "LOGIN_FAILED",
      companyId: context.companyId,
      userId: context.userId,
      resourceType: "user",
      resourceId: context.userId,
      details: { reason: "bad_password", channel: context.kind, during: "password_change" },
      meta: input.meta,
      now,
    });
    throw fieldError("current_password", "The current password is not right");
  }
  await settleSuccessfulLogin(attempt);

  const passwordHash = await hashPassword(input.newPassword);
  const signedOut = await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, context.userId));
    const others = (await liveSignInSessionIds(tx, context.userId)).filter((id) => id !== context.sessionId);
    for (const sessionId of others) await revokeSignInSession(tx, { sessionId, reason: "password_changed", now });
    await writeAudit(tx, {
      action: "PASSWORD_CHANGED",
      companyId: context.companyId,
      userId: context.userId,
      resourceType: "user",
      resourceId: context.userId,
      details: { channel: context.kind, other_sessions_signed_out: others.length },
      meta: input.meta,
      now,
    });
    return others;
  });
  await forgetSignInSessions(signedOut, { revoked: true });
  // The session they used carries whether the password had expired (a maximum password age): rebuild it now.
  await forgetSignInSessions([context.sessionId], { revoked: false });
  return { signedOut: signedOut.length };
}
