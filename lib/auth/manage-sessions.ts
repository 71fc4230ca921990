import "server-only";
import { and, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { authSessions } from "@/db/schema";
import { writeAudits } from "@/lib/audit/write";
import { getDb, type DbOrTx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { getUser } from "@/lib/users/queries";
import { describeDevice } from "./device";
import { forgetSignInSessions, revokeSignInSession, type SignInContext } from "./sign-in-sessions";

// "Your sessions": a user's live sign-in sessions (browser and API), and signing out one of them or all but the one in
// use. An ADMIN does the same for a user of their own company (the route or page checks "users.manage"; the user is
// looked up inside the ADMIN's company, so another company's user or session is a 404, never a 403). Each session
// signed out is audited SIGN_IN_SESSION_REVOKED with who did it: the audit row's user is the actor, `details.user_id`
// the session's owner. ("SESSION_REVOKED" is an interview session's, so it is not reused.)

export interface SessionView {
  id: string;
  kind: "api" | "web";
  /** How the person signed in: a password (with or without a second factor), or the company's identity provider. */
  method: "password" | "sso";
  device: string;
  browser: boolean;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date | null;
  expiresAt: Date;
  /** The session the viewer is using right now. */
  current: boolean;
}

/** Whose sessions: the actor's own, or (for an ADMIN) another user's of the actor's company. */
export interface SessionsScope {
  actor: SignInContext;
  userId?: string;
}

const liveOf = (userId: string, now: Date) =>
  and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now));

/** The owner the scope names: the actor, or a user of the actor's company (404 otherwise). */
async function ownerOf(db: DbOrTx, scope: SessionsScope) {
  if (!scope.userId || scope.userId === scope.actor.userId)
    return { userId: scope.actor.userId, email: scope.actor.email, self: true };
  const user = await getUser(db, { companyId: scope.actor.companyId, userId: scope.userId });
  if (!user) throw notFound("User");
  return { userId: user.id, email: user.email, self: false };
}

/** A page of the live sessions, the most recently used first, and how many there are. */
export async function listSignInSessions(scope: SessionsScope & { skip?: number; limit?: number }, now = new Date()) {
  const db = await getDb();
  const owner = await ownerOf(db, scope);
  const where = liveOf(owner.userId, now);
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: authSessions.id,
        kind: authSessions.kind,
        method: authSessions.method,
        userAgent: authSessions.userAgent,
        ipAddress: authSessions.ipAddress,
        createdAt: authSessions.createdAt,
        lastSeenAt: authSessions.lastSeenAt,
        expiresAt: authSessions.expiresAt,
      })
      .from(authSessions)
      .where(where)
      .orderBy(desc(sql`coalesce(${authSessions.lastSeenAt}, ${authSessions.createdAt})`), desc(authSessions.id))
      .offset(scope.skip ?? 0)
      .limit(scope.limit ?? 100),
    db.select({ total: count() }).from(authSessions).where(where),
  ]);
  const sessions: SessionView[] = rows.map((row) => {
    const device = describeDevice(row.userAgent);
    return {
      ...row,
      ipAddress: row.ipAddress?.replace(/\/(32|128)$/, "") ?? null,
      device: device.label,
      browser: device.browser,
      current: row.id === scope.actor.sessionId,
    };
  });
  return { user: { id: owner.userId, email: owner.email }, sessions, total: totals?.total ?? 0 };
}

interface RevokeInput extends SessionsScope {
  meta: RequestMeta;
  now?: Date;
}

/**
 * Revokes the given live sessions of the owner in one transaction, one audit row each, then tombstones them in the
 * cache. Only sessions still alive when revoked are audited and counted (two clicks at once sign out once).
 */
async function revokeMany(
  db: DbOrTx,
  input: RevokeInput & { ownerId: string; self: boolean; sessionIds: string[]; scope: "one" | "others" },
) {
  const now = input.now ?? new Date();
  const reason = input.self ? "signed_out_by_user" : "signed_out_by_admin";
  const revoked = await db.transaction(async (tx) => {
    const done: string[] = [];
    for (const sessionId of input.sessionIds)
      if (await revokeSignInSession(tx, { sessionId, reason, now })) done.push(sessionId);
    await writeAudits(
      tx,
      done.map((sessionId) => ({
        action: "SIGN_IN_SESSION_REVOKED" as const,
        companyId: input.actor.companyId,
        userId: input.actor.userId,
        resourceType: "auth_session",
        resourceId: sessionId,
        details: {
          user_id: input.ownerId,
          by: input.self ? "self" : "admin",
          scope: input.scope,
          current: sessionId === input.actor.sessionId,
          channel: input.actor.kind,
        },
        meta: input.meta,
        now,
      })),
    );
    return done;
  });
  await forgetSignInSessions(revoked, { revoked: true });
  return revoked;
}

/** Signs out one live session of the owner (404 when it is not theirs, not alive, or unknown). */
export async function revokeOneSignInSession(input: RevokeInput & { sessionId: string }) {
  const db = await getDb();
  const owner = await ownerOf(db, input);
  const now = input.now ?? new Date();
  const [row] = await db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(and(eq(authSessions.id, input.sessionId), liveOf(owner.userId, now)));
  if (!row) throw notFound("Session");
  const revoked = await revokeMany(db, {
    ...input,
    now,
    ownerId: owner.userId,
    self: owner.self,
    sessionIds: [row.id],
    scope: "one",
  });
  if (revoked.length === 0) throw notFound("Session"); // signed out by someone else in the meantime
  return { current: row.id === input.actor.sessionId };
}

/** Signs out every live session of the owner except the one the actor is using; returns how many. */
export async function revokeOtherSignInSessions(input: RevokeInput): Promise<{ signedOut: number }> {
  const db = await getDb();
  const owner = await ownerOf(db, input);
  const now = input.now ?? new Date();
  const rows = await db.select({ id: authSessions.id }).from(authSessions).where(liveOf(owner.userId, now));
  const others = rows.map((r) => r.id).filter((id) => id !== input.actor.sessionId);
  if (others.length === 0) return { signedOut: 0 };
  const revoked = await revokeMany(db, {
    ...input,
    now,
    ownerId: owner.userId,
    self: owner.self,
    sessionIds: others,
    scope: "others",
  });
  return { signedOut: revoked.length };
}
