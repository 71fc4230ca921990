import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/db";
import { candidateTokens, interviewSessions } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import type { RequestMeta } from "@/lib/http/request-meta";
import { can } from "@/lib/auth/permissions";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { assertCanManageInterview, type InterviewActor } from "@/lib/interviews/access";
import { getInterview } from "@/lib/interviews/queries";
import { closeRoom } from "@/lib/livekit/room-service";
import { companyHolidays } from "@/lib/companies/holidays";
import { chooseExpiry, needsHolidays } from "./expiry-choice";
import type { UpdateInviteInput } from "./schemas";
import { effectiveExpiry, effectiveMaxAttempts } from "./status";

const MAX_ATTEMPTS = 10;

/**
 * The invite row, locked (SELECT ... FOR UPDATE) for the rest of the transaction, after checking the actor manages its
 * interview. Every decision must be made from this row: a read taken before the lock may already be stale.
 */
export async function lockManagedInvite(
  input: { actor: InterviewActor; interviewId: string; tokenId: string },
  tx: Tx,
) {
  const interview = await getInterview(tx, { companyId: input.actor.companyId, interviewId: input.interviewId });
  assertCanManageInterview(input.actor, interview);
  const [token] = await tx
    .select()
    .from(candidateTokens)
    .where(
      and(
        eq(candidateTokens.id, input.tokenId),
        eq(candidateTokens.interviewId, interview.id),
        eq(candidateTokens.companyId, input.actor.companyId),
      ),
    )
    .for("update");
  if (!token) throw notFound("Token");
  return { token, interview };
}

/**
 * Revokes an invite; the link stops working at once. An attempt in progress ends in the same transaction (status
 * `revoked`, audited as SESSION_REVOKED): nothing more is accepted from it, and what it already stored is kept. Its
 * LiveKit room is closed in the background once that is committed. Revoking twice is harmless and audited once.
 */
export async function revokeInvite(input: {
  actor: InterviewActor;
  interviewId: string;
  tokenId: string;
  meta: RequestMeta;
}) {
  const db = await getDb();
  const { row, ended } = await db.transaction(async (tx) => {
    const { token } = await lockManagedInvite(input, tx);
    if (token.revokedAt) return { row: token, ended: [] };
    const now = new Date();
    const [row] = await tx
      .update(candidateTokens)
      .set({ revokedAt: now, updatedAt: now })
      .where(eq(candidateTokens.id, token.id))
      .returning();
    const ended = await tx
      .update(interviewSessions)
      .set({ status: "revoked", endedAt: now })
      .where(and(eq(interviewSessions.tokenId, token.id), eq(interviewSessions.status, "in_progress")))
      .returning({
        id: interviewSessions.id,
        room: interviewSessions.livekitRoom,
        attempt: interviewSessions.attemptNumber,
      });
    const audit = { companyId: input.actor.companyId, userId: input.actor.userId, meta: input.meta, now };
    await writeAudit(tx, {
      ...audit,
      action: "INVITE_REVOKED",
      resourceType: "candidate_token",
      resourceId: token.id,
      details: { interview_id: token.interviewId, sessions_ended: ended.length },
    });
    for (const session of ended) {
      await writeAudit(tx, {
        ...audit,
        action: "SESSION_REVOKED",
        resourceType: "interview_session",
        resourceId: session.id,
        details: { token_id: token.id, attempt: session.attempt },
      });
    }
    return { row: row!, ended };
  });
  for (const session of ended) void closeRoom(session.room);
  return row;
}

/**
 * Extends an invite's expiry and/or adds attempts (up to 10 in all), computed from the locked row so concurrent
 * changes add up instead of overwriting each other. A revoked invite cannot be changed.
 */
export async function updateInvite(input: {
  actor: InterviewActor;
  interviewId: string;
  tokenId: string;
  data: UpdateInviteInput;
  meta: RequestMeta;
}) {
  const db = await getDb();
  const now = new Date();
  return db.transaction(async (tx) => {
    const { extension_requests_allowed: extensionsAllowed } = input.data;
    // "Unless HR allows more": the owning team lead decides requests, but the allowance is HR's.
    if (extensionsAllowed !== undefined && !can(input.actor.role, "interviews.manage_any"))
      throw forbidden("Only HR and admins can change how many extension requests an invite allows");
    const { token } = await lockManagedInvite(input, tx);
    if (token.revokedAt)
      throw new AppError("CONFLICT", "This invite was revoked; mint a new one instead", { reason: "invite_revoked" });
    const { extend_hours: extendHours } = input.data;
    // A new rule (or hours, or instant) resolves now; pushing back by hours leaves an exact instant behind.
    const holidays = needsHolidays(input.data) ? await companyHolidays(tx, input.actor.companyId) : [];
    const chosen = extendHours
      ? {
          rule: { kind: "at" as const },
          expiresAt: new Date(Math.max(effectiveExpiry(token).getTime(), now.getTime()) + extendHours * 3600 * 1000),
        }
      : chooseExpiry(input.data, { now, holidays });
    const expiresAt = chosen?.expiresAt;
    const maxAttempts = input.data.add_attempts ? effectiveMaxAttempts(token) + input.data.add_attempts : undefined;
    if (maxAttempts !== undefined && maxAttempts > MAX_ATTEMPTS) {
      throw new AppError("VALIDATION", "Validation error", {
        issues: [
          {
            loc: ["body", "add_attempts"],
            msg: `an invite allows at most ${MAX_ATTEMPTS} attempts (it has ${effectiveMaxAttempts(token)})`,
            type: "value_error",
          },
        ],
      });
    }
    const [row] = await tx
      .update(candidateTokens)
      .set({
        ...(chosen ? { expiresAt: chosen.expiresAt, expiryRule: chosen.rule } : {}),
        ...(maxAttempts ? { maxAttempts } : {}),
        ...(extensionsAllowed !== undefined ? { extensionRequestsAllowed: extensionsAllowed } : {}),
        updatedAt: now,
      })
      .where(eq(candidateTokens.id, token.id))
      .returning();
    await writeAudit(tx, {
      action: "INVITE_EXTENDED",
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "candidate_token",
      resourceId: token.id,
      details: {
        ...(expiresAt
          ? {
              expires_at: { from: token.expiresAt?.toISOString() ?? null, to: expiresAt.toISOString() },
              expiry_rule: { from: token.expiryRule, to: chosen!.rule },
            }
          : {}),
        ...(maxAttempts ? { max_attempts: { from: effectiveMaxAttempts(token), to: maxAttempts } } : {}),
        ...(extensionsAllowed !== undefined
          ? { extension_requests_allowed: { from: token.extensionRequestsAllowed, to: extensionsAllowed } }
          : {}),
      },
      meta: input.meta,
      now,
    });
    return row!;
  });
}
