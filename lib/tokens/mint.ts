import { getDb } from "@/db";
import { candidateTokens } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { assertCanManageInterview, type InterviewActor } from "@/lib/interviews/access";
import { getInterview } from "@/lib/interviews/queries";
import { deliverEmail } from "@/lib/email/outbox";
import { queueInviteEmail } from "./invite-email";
import { requestedExpiry, type MintTokenInput } from "./schemas";
import { DEFAULT_EXPIRY_HOURS } from "./status";
import { hashInvite, newInviteValue } from "./token-value";

/**
 * Mints one invite for an interview of the actor's company. The raw value is returned here and never again: only its
 * hash is stored. The insert, its audit row and (with a candidate email) the queued invite email commit together;
 * the email is delivered after commit.
 */
export async function mintToken(input: {
  actor: InterviewActor;
  interviewId: string;
  data: MintTokenInput;
  meta: RequestMeta;
  /** Origin for the link in the invite email. */
  baseUrl: string;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  const { actor, data } = input;
  const db = await getDb();
  const value = newInviteValue();
  const { token, email } = await db.transaction(async (tx) => {
    const interview = await getInterview(tx, { companyId: actor.companyId, interviewId: input.interviewId });
    assertCanManageInterview(actor, interview);
    if (interview.status === "archived") throw new AppError("CONFLICT", "This interview is archived; reopen it to invite candidates");
    const [row] = await tx
      .insert(candidateTokens)
      .values({
        companyId: actor.companyId,
        interviewId: interview.id,
        tokenHash: hashInvite(value),
        candidateName: data.candidate_name ?? null,
        candidateEmail: data.candidate_email?.toLowerCase() ?? null,
        expiresAt: requestedExpiry(data, now, DEFAULT_EXPIRY_HOURS),
        maxAttempts: data.max_attempts ?? 1,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeAudit(tx, {
      action: "INVITE_MINTED",
      companyId: actor.companyId,
      userId: actor.userId,
      resourceType: "candidate_token",
      resourceId: row!.id,
      details: { interview_id: interview.id, candidate_email: row!.candidateEmail, max_attempts: row!.maxAttempts, expires_at: row!.expiresAt?.toISOString() },
      meta: input.meta,
      now,
    });
    const email = await queueInviteEmail(tx, { token: row!, interviewTitle: interview.title, value, baseUrl: input.baseUrl, reissued: false, now });
    return { token: email ? { ...row!, lastSentAt: now } : row!, email };
  });
  const delivery = email ? await deliverEmail(email.emailId) : null;
  return { token, value, delivery };
}
