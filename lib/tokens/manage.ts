import { eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { candidateTokens } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { assertCanManageInterview, type InterviewActor } from "@/lib/interviews/access";
import { getInterview } from "@/lib/interviews/queries";
import { getToken } from "./queries";
import { requestedExpiry, type UpdateTokenInput } from "./schemas";
import { effectiveExpiry, effectiveMaxAttempts } from "./status";

const MAX_ATTEMPTS = 10;

async function lockManagedToken(input: { actor: InterviewActor; interviewId: string; tokenId: string }, tx: Tx) {
  const interview = await getInterview(tx, { companyId: input.actor.companyId, interviewId: input.interviewId });
  assertCanManageInterview(input.actor, interview);
  const token = await getToken(tx, { companyId: input.actor.companyId, interviewId: interview.id, tokenId: input.tokenId });
  await tx.select({ id: candidateTokens.id }).from(candidateTokens).where(eq(candidateTokens.id, token.id)).for("update");
  return token;
}

/** Revokes an invite; the link stops working at once. Revoking twice is harmless and audited once. */
export async function revokeToken(input: { actor: InterviewActor; interviewId: string; tokenId: string; meta: RequestMeta }) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const token = await lockManagedToken(input, tx);
    if (token.revokedAt) return token;
    const now = new Date();
    const [row] = await tx.update(candidateTokens).set({ revokedAt: now, updatedAt: now }).where(eq(candidateTokens.id, token.id)).returning();
    await writeAudit(tx, {
      action: "INVITE_REVOKED",
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "candidate_token",
      resourceId: token.id,
      details: { interview_id: token.interviewId },
      meta: input.meta,
      now,
    });
    return row!;
  });
}

/** Extends an invite's expiry and/or adds attempts (up to 10 in all). A revoked invite cannot be changed. */
export async function updateToken(input: { actor: InterviewActor; interviewId: string; tokenId: string; data: UpdateTokenInput; meta: RequestMeta }) {
  const db = await getDb();
  const now = new Date();
  return db.transaction(async (tx) => {
    const token = await lockManagedToken(input, tx);
    if (token.revokedAt) throw new AppError("CONFLICT", "This invite was revoked; mint a new one instead");
    const { extend_hours: extendHours } = input.data;
    const expiresAt = extendHours
      ? new Date(Math.max(effectiveExpiry(token).getTime(), now.getTime()) + extendHours * 3600 * 1000)
      : requestedExpiry(input.data, now);
    const maxAttempts = input.data.add_attempts ? effectiveMaxAttempts(token) + input.data.add_attempts : undefined;
    if (maxAttempts !== undefined && maxAttempts > MAX_ATTEMPTS) {
      throw new AppError("VALIDATION", "Validation error", {
        issues: [{ loc: ["body", "add_attempts"], msg: `an invite allows at most ${MAX_ATTEMPTS} attempts`, type: "value_error" }],
      });
    }
    const [row] = await tx
      .update(candidateTokens)
      .set({ ...(expiresAt ? { expiresAt } : {}), ...(maxAttempts ? { maxAttempts } : {}), updatedAt: now })
      .where(eq(candidateTokens.id, token.id))
      .returning();
    await writeAudit(tx, {
      action: "INVITE_EXTENDED",
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "candidate_token",
      resourceId: token.id,
      details: {
        ...(expiresAt ? { expires_at: { from: token.expiresAt?.toISOString() ?? null, to: expiresAt.toISOString() } } : {}),
        ...(maxAttempts ? { max_attempts: { from: effectiveMaxAttempts(token), to: maxAttempts } } : {}),
      },
      meta: input.meta,
      now,
    });
    return row!;
  });
}
