import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { users, type Role } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { assertCan } from "@/lib/auth/permissions";
import {
  forgetSignInSessions,
  liveSignInSessionIds,
  revokeUserSignInSessions,
  type SignInContext,
} from "@/lib/auth/sign-in-sessions";
import { AppError, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { normalizeEmail, publicUserColumns, type PublicUser } from "./queries";

// User administration. The company always comes from the actor, never from input; each change commits with its
// audit row; sessions are revoked (deactivation) or their cached role dropped (role change) after commit.

type Actor = Pick<SignInContext, "userId" | "companyId" | "role">;

const uniqueViolation = (error: unknown) =>
  (error as { code?: string })?.code === "23505" || (error as { cause?: { code?: string } })?.cause?.code === "23505";

export async function createUser(input: {
  actor: Actor;
  email: string;
  password: string;
  role: Role;
  firstName?: string | null;
  lastName?: string | null;
  meta: RequestMeta;
}): Promise<PublicUser> {
  assertCan(input.actor.role, "users.manage");
  const problem = passwordProblem(input.password);
  if (problem) {
    throw new AppError("VALIDATION", problem, {
      issues: [{ loc: ["body", "password"], msg: problem, type: "value_error" }],
    });
  }
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          companyId: input.actor.companyId,
          email: normalizeEmail(input.email),
          passwordHash,
          role: input.role,
          firstName: input.firstName || null,
          lastName: input.lastName || null,
        })
        .returning(publicUserColumns);
      await writeAudit(tx, {
        action: "USER_CREATED",
        companyId: input.actor.companyId,
        userId: input.actor.userId,
        resourceType: "user",
        resourceId: user!.id,
        details: { email: user!.email, role: user!.role },
        meta: input.meta,
      });
      return user!;
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError("CONFLICT", "A user with this email already exists");
    throw error;
  }
}

export async function updateUser(input: {
  actor: Actor;
  userId: string;
  role?: Role;
  isActive?: boolean;
  meta: RequestMeta;
}): Promise<PublicUser> {
  assertCan(input.actor.role, "users.manage");
  const now = new Date();
  const db = await getDb();
  const { user, revoked, roleChanged } = await db.transaction(async (tx) => {
    const [before] = await tx
      .select(publicUserColumns)
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.companyId, input.actor.companyId)))
      .for("update");
    if (!before) throw notFound("User");
    // Compared on the row, not the input: Postgres matches uuids case-insensitively, a string comparison would not.
    if (before.id === input.actor.userId && (input.role !== undefined || input.isActive === false)) {
      throw new AppError("CONFLICT", "You cannot change your own role or deactivate yourself");
    }
    const role = input.role ?? before.role;
    const isActive = input.isActive ?? before.isActive;
    const [after] = await tx
      .update(users)
      .set({ role, isActive, updatedAt: now })
      .where(eq(users.id, before.id))
      .returning(publicUserColumns);
    const base = {
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "user",
      resourceId: before.id,
      meta: input.meta,
      now,
    };
    let revokedIds: string[] = [];
    if (before.isActive && !isActive) {
      revokedIds = await revokeUserSignInSessions(tx, { userId: before.id, reason: "user_deactivated", now });
      await writeAudit(tx, {
        ...base,
        action: "USER_DEACTIVATED",
        details: { email: before.email, sessions_revoked: revokedIds.length },
      });
    }
    const changes: Record<string, unknown> = {};
    if (role !== before.role) changes.role = { from: before.role, to: role };
    if (!before.isActive && isActive) changes.is_active = { from: false, to: true };
    if (Object.keys(changes).length > 0) {
      await writeAudit(tx, { ...base, action: "USER_UPDATED", details: { email: before.email, ...changes } });
    }
    return { user: after!, revoked: revokedIds, roleChanged: role !== before.role };
  });
  await forgetSignInSessions(revoked, { revoked: true });
  if (roleChanged) await forgetSignInSessions(await liveSignInSessionIds(db, user.id), { revoked: false });
  return user;
}
