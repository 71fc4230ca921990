import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { candidateTokens, interviewSessions } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { sendLater } from "@/lib/email/send-later";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { InterviewActor } from "@/lib/interviews/access";
import { queueInviteEmail } from "./invite-email";
import { lockManagedInvite } from "./manage";
import { sealInviteValue } from "./link-seal";
import { hashInvite, newInviteValue } from "./token-value";

export const RESEND_COOLDOWN_S = 60; // one invite email per minute per invite

/**
 * Sends the invite again. Only the hash of a link is stored, so resending issues a fresh link: the value rotates
 * (the old link stops working), attempts and expiry carry over, and the email says it replaces the earlier one.
 * Refused (409 `session_in_progress`) while an attempt is in progress: rotating the link would strand the candidate.
 */
export async function resendInvite(input: {
  actor: InterviewActor;
  interviewId: string;
  tokenId: string;
  baseUrl: string;
  meta: RequestMeta;
}) {
  const now = new Date();
  const value = newInviteValue();
  const db = await getDb();
  const { token, email } = await db.transaction(async (tx) => {
    const { token: locked, interview } = await lockManagedInvite(input, tx);
    if (!locked.candidateEmail) throw new AppError("CONFLICT", "This invite has no candidate email to send to");
    if (locked.revokedAt)
      throw new AppError("CONFLICT", "This invite was revoked; mint a new one instead", { reason: "invite_revoked" });
    if (interview.status === "archived") throw new AppError("CONFLICT", "This interview is archived");
    // Under the invite's lock, no attempt can start (starting updates this row) while this decides.
    const [running] = await tx
      .select({ id: interviewSessions.id })
      .from(interviewSessions)
      .where(and(eq(interviewSessions.tokenId, locked.id), eq(interviewSessions.status, "in_progress")))
      .limit(1);
    if (running) {
      throw new AppError(
        "CONFLICT",
        "The candidate has an interview in progress with the current link; a new link would stop them from continuing or finishing it. Resend once the attempt has ended, or revoke the invite to stop it.",
        { reason: "session_in_progress" },
      );
    }
    const waitS = locked.lastSentAt ? RESEND_COOLDOWN_S - (now.getTime() - locked.lastSentAt.getTime()) / 1000 : 0;
    if (waitS > 0) {
      throw new AppError("RATE_LIMITED", "The invite was sent moments ago; wait before sending it again", {
        retryAfterSeconds: Math.ceil(waitS),
      });
    }
    const [rotated] = await tx
      .update(candidateTokens)
      .set({ tokenHash: hashInvite(value), linkSealed: sealInviteValue(value), updatedAt: now })
      .where(eq(candidateTokens.id, locked.id))
      .returning();
    await writeAudit(tx, {
      action: "INVITE_RESENT",
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "candidate_token",
      resourceId: locked.id,
      details: { interview_id: interview.id, to: locked.candidateEmail, link_rotated: true },
      meta: input.meta,
      now,
    });
    const email = await queueInviteEmail(tx, {
      token: rotated!,
      interviewTitle: interview.title,
      value,
      baseUrl: input.baseUrl,
      reissued: true,
      now,
    });
    return { token: { ...rotated!, lastSentAt: now }, email };
  });
  const delivery = email ? (await sendLater(email)).delivery : null;
  return { token, value, delivery };
}
