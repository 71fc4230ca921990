import { getDb, type Tx } from "@/db";
import { candidateTokens, type Interview } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { deliverEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { assertCanManageInterview, type InterviewActor } from "@/lib/interviews/access";
import { getInterview } from "@/lib/interviews/queries";
import { queueInviteEmail } from "./invite-email";
import { requestedExpiry, type MintTokenInput } from "./schemas";
import { DEFAULT_EXPIRY_HOURS } from "./status";
import { hashInvite, newInviteValue } from "./token-value";

interface MintContext {
  actor: InterviewActor;
  meta: RequestMeta;
  /** Origin for the link in the invite email. */
  baseUrl: string;
  now: Date;
}

/** The interview the actor may invite candidates to (404 for another company, 403 if not theirs, 409 archived). */
export async function invitableInterview(tx: Tx, actor: InterviewActor, interviewId: string): Promise<Interview> {
  const interview = await getInterview(tx, { companyId: actor.companyId, interviewId });
  assertCanManageInterview(actor, interview);
  if (interview.status === "archived") throw new AppError("CONFLICT", "This interview is archived; reopen it to invite candidates");
  return interview;
}

/** Inserts one invite with its audit row and (with an email) its queued invite email, inside the caller's transaction. */
export async function insertInvite(tx: Tx, ctx: MintContext, interview: Interview, data: MintTokenInput) {
  const value = newInviteValue();
  const [row] = await tx
    .insert(candidateTokens)
    .values({
      companyId: ctx.actor.companyId,
      interviewId: interview.id,
      tokenHash: hashInvite(value),
      candidateName: data.candidate_name ?? null,
      candidateEmail: data.candidate_email?.toLowerCase() ?? null,
      expiresAt: requestedExpiry(data, ctx.now, DEFAULT_EXPIRY_HOURS),
      maxAttempts: data.max_attempts ?? 1,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  await writeAudit(tx, {
    action: "INVITE_MINTED",
    companyId: ctx.actor.companyId,
    userId: ctx.actor.userId,
    resourceType: "candidate_token",
    resourceId: row!.id,
    details: { interview_id: interview.id, candidate_email: row!.candidateEmail, max_attempts: row!.maxAttempts, expires_at: row!.expiresAt?.toISOString() },
    meta: ctx.meta,
    now: ctx.now,
  });
  const email = await queueInviteEmail(tx, { token: row!, interviewTitle: interview.title, value, baseUrl: ctx.baseUrl, reissued: false, now: ctx.now });
  return { token: email ? { ...row!, lastSentAt: ctx.now } : row!, value, email };
}

/**
 * Mints one invite. The raw value is returned here and never again: only its hash is stored. The insert, its audit
 * row and the queued invite email commit together; the email is delivered after commit.
 */
export async function mintToken(input: Omit<MintContext, "now"> & { interviewId: string; data: MintTokenInput; now?: Date }) {
  const ctx = { ...input, now: input.now ?? new Date() };
  const db = await getDb();
  const minted = await db.transaction(async (tx) => insertInvite(tx, ctx, await invitableInterview(tx, ctx.actor, input.interviewId), input.data));
  const delivery = minted.email ? await deliverEmail(minted.email.emailId) : null;
  return { token: minted.token, value: minted.value, delivery };
}
