import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/db";
import { authSessions, refreshTokens, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { env } from "@/lib/env";
import { unauthorized } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { deriveChildToken, hashRefreshToken, isWellFormedRefreshToken } from "./refresh-token";
import { forgetSignInSessions, revokeSignInSession } from "./sign-in-sessions";

export const INVALID_REFRESH = "Invalid refresh token";
const MAX_GRACE_CHAIN = 20; // rotations walked while serving a re-presented ancestor; a real chain is 1-2 long

type Outcome =
  | {
      kind: "ok";
      token: string;
      session: typeof authSessions.$inferSelect;
      user: { id: string; companyId: string; role: typeof users.$inferSelect.role };
    }
  | { kind: "invalid" }
  | { kind: "reuse"; sessionId: string };

const findToken = async (tx: Tx, token: string) =>
  (
    await tx
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hashRefreshToken(token)))
      .limit(1)
  )[0];

/**
 * Rotates a refresh token. Every rotation in a family is serialized by locking the family (session) row, so
 * concurrent refreshes with one token resolve to one child:
 * - an unused token is marked used and its child issued;
 * - a used token re-presented within the grace window gets the family's current token again (walking the
 *   HMAC-derived chain, nothing stored in clear);
 * - a used token after the grace window is reuse: the whole family is revoked and the event audited.
 */
export async function rotateRefreshToken(input: { token: string; meta: RequestMeta; now?: Date }) {
  const now = input.now ?? new Date();
  if (!isWellFormedRefreshToken(input.token)) throw unauthorized(INVALID_REFRESH);
  const { JWT_SECRET, REFRESH_REUSE_GRACE_SECONDS } = env();
  const graceMs = REFRESH_REUSE_GRACE_SECONDS * 1000;
  const db = await getDb();

  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const located = await findToken(tx, input.token);
    if (!located) return { kind: "invalid" };
    const [session] = await tx.select().from(authSessions).where(eq(authSessions.id, located.sessionId)).for("update");
    // Read again under the family lock: a concurrent rotation may have committed since the first read.
    const presented = await findToken(tx, input.token);
    if (!presented) return { kind: "invalid" };
    if (!session || session.revokedAt || session.expiresAt <= now || presented.revokedAt) return { kind: "invalid" };
    const [user] = await tx
      .select({ id: users.id, companyId: users.companyId, role: users.role, isActive: users.isActive })
      .from(users)
      .where(eq(users.id, session.userId));
    if (!user?.isActive) return { kind: "invalid" };

    let current = presented;
    let raw = input.token;
    for (let step = 0; current.usedAt; step++) {
      const withinGrace = now.getTime() - current.usedAt.getTime() <= graceMs;
      if (!withinGrace || step >= MAX_GRACE_CHAIN) {
        await revokeSignInSession(tx, { sessionId: session.id, reason: "refresh_reuse", now });
        await writeAudit(tx, {
          action: "REFRESH_REUSE_DETECTED",
          companyId: session.companyId,
          userId: session.userId,
          resourceType: "auth_session",
          resourceId: session.id,
          details: { token_id: presented.id, used_at: presented.usedAt?.toISOString() },
          meta: input.meta,
          now,
        });
        return { kind: "reuse", sessionId: session.id };
      }
      raw = deriveChildToken(raw, JWT_SECRET);
      const child = await findToken(tx, raw);
      if (!child || child.revokedAt) return { kind: "invalid" };
      current = child;
    }

    if (current.id === presented.id) {
      // First presentation: rotate.
      raw = deriveChildToken(input.token, JWT_SECRET);
      await tx
        .update(refreshTokens)
        .set({ usedAt: now })
        .where(and(eq(refreshTokens.id, presented.id), isNull(refreshTokens.usedAt)));
      await tx
        .insert(refreshTokens)
        .values({ sessionId: session.id, tokenHash: hashRefreshToken(raw), parentId: presented.id, createdAt: now });
    }
    await writeAudit(tx, {
      action: "TOKEN_REFRESH",
      companyId: session.companyId,
      userId: session.userId,
      resourceType: "auth_session",
      resourceId: session.id,
      details: current.id === presented.id ? {} : { grace_replay: true },
      meta: input.meta,
      now,
    });
    return { kind: "ok", token: raw, session, user };
  });

  if (outcome.kind === "reuse") {
    await forgetSignInSessions([outcome.sessionId], { revoked: true });
    throw unauthorized(INVALID_REFRESH);
  }
  if (outcome.kind === "invalid") throw unauthorized(INVALID_REFRESH);
  return outcome;
}
