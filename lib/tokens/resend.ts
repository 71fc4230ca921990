import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { candidateTokens } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { deliverEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { assertCanManageInterview, type InterviewActor } from "@/lib/interviews/access";
import { getInterview } from "@/lib/interviews/queries";
import { queueInviteEmail } from "./invite-email";
import { getToken } from "./queries";
import { hashInvite, newInviteValue } from "./token-value";

export const RESEND_COOLDOWN_S = 60; // one invite email per minute per invite

/**
 * Sends the invite again. Only the hash of a link is stored, so resending issues a fresh link: the value rotates
 * (the old link stops working), attempts and expiry carry over, and the email says it replaces the earlier one.
 */
export async function resendInvite(input: { actor: InterviewActor; interviewId: string; tokenId: string; baseUrl: string; meta: RequestMeta }) {
  const now = new Date();
  const value = newInviteValue();
  const db = await getDb();
  const { token, email } = await db.transaction(async (tx) => {
    const interview = await getInterview(tx, { companyId: input.actor.companyId, interviewId: input.interviewId });
    assertCanManageInterview(input.actor, interview);
    const current = await getToken(tx, { companyId: input.actor.companyId, interviewId: interview.id, tokenId: input.tokenId });
    await tx.select({ id: candidateTokens.id }).from(candidateTokens).where(eq(candidateTokens.id, current.id)).for("update");
    const [locked] = await tx.select().from(candidateTokens).where(eq(candidateTokens.id, current.id));
    if (!locked!.candidateEmail) throw new AppError("CONFLICT", "This invite has no candidate email to send to");
    if (locked!.revokedAt) throw new AppError("CONFLICT", "This invite was revoked; mint a new one instead");
    if (interview.status === "archived") throw new AppError("CONFLICT", "This interview is archived");
    const waitS = locked!.lastSentAt ? RESEND_COOLDOWN_S - (now.getTime() - locked!.lastSentAt.getTime()) / 1000 : 0;
    if (waitS > 0) {
      throw new AppError("RATE_LIMITED", "The invite was sent moments ago; wait before sending it again", { retryAfterSeconds: Math.ceil(waitS) });
    }
    const [rotated] = await tx
      .update(candidateTokens)
      .set({ tokenHash: hashInvite(value), updatedAt: now })
      .where(eq(candidateTokens.id, locked!.id))
      .returning();
    await writeAudit(tx, {
      action: "INVITE_RESENT",
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "candidate_token",
      resourceId: locked!.id,
      details: { interview_id: interview.id, to: locked!.candidateEmail, link_rotated: true },
      meta: input.meta,
      now,
    });
    const email = await queueInviteEmail(tx, { token: rotated!, interviewTitle: interview.title, value, baseUrl: input.baseUrl, reissued: true, now });
    return { token: { ...rotated!, lastSentAt: now }, email };
  });
  const delivery = email ? await deliverEmail(email.emailId) : null;
  return { token, value, delivery };
}
