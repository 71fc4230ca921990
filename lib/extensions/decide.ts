import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/db";
import { candidateTokens, companies, extensionRequests, interviewSessions } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { extensionDecisionEmail } from "@/lib/email/extension-template";
import { queueEmail, type QueuedEmail } from "@/lib/email/outbox";
import { sendLater } from "@/lib/email/send-later";
import { AppError, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { InterviewActor } from "@/lib/interviews/access";
import { openInviteSeal } from "@/lib/invites/link-seal";
import { lockManagedInvite } from "@/lib/invites/manage";
import { interviewUrl } from "@/lib/invites/serialize";
import { ruleTimeZone } from "@/lib/invites/expiry-rules";
import { attemptsLeft, effectiveExpiry } from "@/lib/invites/status";
import { newExpiryProblem } from "./schemas";

export type ExtensionDecision = "approve" | "decline";

const invalidExpiry = (msg: string) =>
  new AppError("VALIDATION", "Validation error", {
    issues: [{ loc: ["body", "new_expires_at"], msg, type: "value_error" }],
  });

/** The zone the candidate's dates are written in: the invite's own rule's zone when it has one, else UTC. */
const zoneOf = (token: typeof candidateTokens.$inferSelect): string | undefined =>
  ruleTimeZone(token.expiryRule) ?? undefined;

const notEligible = (detail: string) => new AppError("CONFLICT", detail, { reason: "extension_not_eligible" });

/**
 * Why more time can no longer be granted, judged under the invite's lock at the moment of approving (the request may
 * have waited while the interview was archived, the candidate finished or used up their attempts, or the invite was
 * erased). Null when it can.
 */
async function approvalProblem(
  tx: Tx,
  token: typeof candidateTokens.$inferSelect,
  interview: { status: string },
): Promise<AppError | null> {
  if (token.revokedAt)
    return new AppError("CONFLICT", "This invite was revoked; mint a new one instead", { reason: "invite_revoked" });
  if (token.erasedAt) return notEligible("This invite's candidate data was erased; it can no longer be extended");
  if (interview.status !== "active")
    return notEligible(`The interview is ${interview.status}, not active; reopen it before granting more time`);
  const sessions = await tx
    .select({ status: interviewSessions.status })
    .from(interviewSessions)
    .where(eq(interviewSessions.tokenId, token.id));
  if (sessions.some((s) => s.status === "completed"))
    return notEligible("The candidate has already completed this interview; more time is not needed");
  if (attemptsLeft(token) === 0)
    return notEligible("The candidate has used every attempt this invite allows; more time would not let them start");
  return null;
}

/**
 * HR and ADMIN, or the TEAM_LEAD who owns the interview, approve (with a new expiry at least an hour ahead) or
 * decline a waiting request. Under the invite's row lock (the same lock every invite change takes), only a request
 * still pending is decided: of two concurrent decisions one wins, the other answers 409 `extension_not_pending`.
 * Approving re-checks the invite under that lock (409 `invite_revoked`, or `extension_not_eligible` when the invite was
 * erased, its interview is no longer active, or the candidate completed it or used every attempt since asking) and
 * sets the invite's expires_at (rule `{kind: "at"}`, keeping the previous rule's time zone so the candidate's dates
 * stay in it) in the same transaction. The candidate is emailed
 * either way (the link itself when it can be recovered), audited EXTENSION_APPROVED / EXTENSION_DECLINED; the email
 * is queued in the transaction and handed to the job queue after the commit.
 */
export async function decideExtension(input: {
  actor: InterviewActor;
  requestId: string;
  decision: ExtensionDecision;
  newExpiresAt?: Date;
  note?: string;
  baseUrl: string;
  meta: RequestMeta;
}) {
  const now = new Date();
  const note = input.note?.trim() || null;
  if (input.decision === "approve") {
    if (!input.newExpiresAt) throw invalidExpiry("required when approving");
    const problem = newExpiryProblem(input.newExpiresAt, now);
    if (problem) throw invalidExpiry(problem);
  }
  const db = await getDb();
  const { request, email } = await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ tokenId: extensionRequests.tokenId, interviewId: candidateTokens.interviewId })
      .from(extensionRequests)
      .innerJoin(candidateTokens, eq(candidateTokens.id, extensionRequests.tokenId))
      .where(and(eq(extensionRequests.id, input.requestId), eq(extensionRequests.companyId, input.actor.companyId)))
      .limit(1);
    if (!found) throw notFound("Extension request");
    // Checks the actor manages the interview (403 for a team lead of another one), then locks the invite.
    const { token, interview } = await lockManagedInvite(
      { actor: input.actor, interviewId: found.interviewId, tokenId: found.tokenId },
      tx,
    );
    const [current] = await tx.select().from(extensionRequests).where(eq(extensionRequests.id, input.requestId));
    if (current?.status !== "pending") {
      throw new AppError("CONFLICT", `This request was already ${current?.status ?? "decided"}`, {
        reason: "extension_not_pending",
      });
    }
    const approve = input.decision === "approve";
    if (approve) {
      const problem = await approvalProblem(tx, token, interview);
      if (problem) throw problem;
      // An exact instant from now on, still read in the zone of the rule it replaces (the candidate's dates).
      const zone = zoneOf(token);
      await tx
        .update(candidateTokens)
        .set({
          expiresAt: input.newExpiresAt!,
          expiryRule: zone ? { kind: "at", time_zone: zone } : { kind: "at" },
          updatedAt: now,
        })
        .where(eq(candidateTokens.id, token.id));
    }
    const [company] = await tx
      .select({ name: companies.name })
      .from(companies)
      .where(eq(companies.id, token.companyId));
    let email: QueuedEmail | null = null;
    if (token.candidateEmail) {
      const value = approve ? openInviteSeal(token.linkSealed ?? null, token.tokenHash) : null;
      const message = extensionDecisionEmail({
        decision: input.decision,
        candidateName: token.candidateName,
        interviewTitle: interview.title,
        companyName: company?.name ?? "",
        newExpiresAt: input.newExpiresAt,
        link: value ? interviewUrl(input.baseUrl, value) : null,
        note,
        timeZone: zoneOf(token),
      });
      email = await queueEmail(tx, {
        companyId: token.companyId,
        tokenId: token.id,
        to: token.candidateEmail,
        ...message,
      });
    }
    const [decided] = await tx
      .update(extensionRequests)
      .set({
        status: approve ? "approved" : "declined",
        newExpiresAt: approve ? input.newExpiresAt! : null,
        decidedBy: input.actor.userId,
        decidedAt: now,
        decisionNote: note,
        emailId: email?.id ?? null,
      })
      .where(and(eq(extensionRequests.id, input.requestId), eq(extensionRequests.status, "pending")))
      .returning();
    await writeAudit(tx, {
      action: approve ? "EXTENSION_APPROVED" : "EXTENSION_DECLINED",
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "extension_request",
      resourceId: input.requestId,
      details: {
        token_id: token.id,
        interview_id: interview.id,
        ...(approve
          ? { expires_at: { from: effectiveExpiry(token).toISOString(), to: input.newExpiresAt!.toISOString() } }
          : {}),
        note_given: note !== null,
        emailed: email !== null,
      },
      meta: input.meta,
      now,
    });
    return { request: decided!, email };
  });
  const delivery = email ? (await sendLater(email)).delivery : null;
  return { request, delivery };
}
