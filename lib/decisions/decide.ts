import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/lib/db";
import { companies, decisions, interviewSessions, type Decision } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { assertCan } from "@/lib/auth/permissions";
import { queueEmail } from "@/lib/email/outbox";
import { sendLater } from "@/lib/email/send-later";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { InterviewActor } from "@/lib/interviews/access";
import { getInterview } from "@/lib/interviews/queries";
import { reviewableSession, type ReviewableSession } from "@/lib/review/access";
import { renderDecisionEmail, templateFor } from "./email-templates";
import { reasonRequired } from "./labels";
import { listDecisions } from "./queries";
import type { DecisionInput } from "./schemas";
import { toDecisionJson } from "./serialize";

// HR's or an ADMIN's decision on a completed session. Decisions are append-only: a change is a new row and the
// newest row is the decision. The row, the candidate's email (when asked for) and the audit row commit together; the
// email is delivered by the job queue after the commit.

export interface DecideInput extends DecisionInput {
  actor: InterviewActor;
  sessionId: string;
  meta: RequestMeta;
}

const reasonMissing = () =>
  new AppError("VALIDATION", "A reason is required to hold or reject", {
    reason: "reason_required",
    issues: [{ loc: ["body", "reason"], msg: "A reason is required to hold or reject", type: "reason_required" }],
  });

export async function decide(db: Db, input: DecideInput) {
  assertCan(input.actor.role, "decisions.make");
  const session = await reviewableSession(db, { viewer: input.actor, sessionId: input.sessionId });
  if (session.status !== "completed") {
    throw new AppError("CONFLICT", "Only a completed interview can be decided", { reason: "session_not_completed" });
  }
  if (reasonRequired(input.decision) && !input.reason) throw reasonMissing();
  if (input.notify_candidate && !session.candidateEmail) {
    throw new AppError("CONFLICT", "This candidate's invite has no email address, so they cannot be emailed", {
      reason: "no_candidate_email",
    });
  }

  const outcome = await db.transaction(async (tx) => {
    // Serialises decisions on one session, so each sees the one before it (DECISION_MADE happens once).
    await tx
      .select({ id: interviewSessions.id })
      .from(interviewSessions)
      .where(eq(interviewSessions.id, session.id))
      .for("update");
    const [previous] = await tx
      .select({ decision: decisions.decision, reason: decisions.reason, emailId: decisions.emailId })
      .from(decisions)
      .where(eq(decisions.sessionId, session.id))
      .orderBy(desc(decisions.createdAt), desc(decisions.id))
      .limit(1);
    // The same decision again, for the same reason, with no email still to send, changes nothing.
    if (
      previous &&
      previous.decision === input.decision &&
      previous.reason === input.reason &&
      (!input.notify_candidate || previous.emailId)
    ) {
      return { changed: false, email: null };
    }
    const email = input.notify_candidate ? await queueDecisionEmail(tx, session, input.decision) : null;
    const [row] = await tx
      .insert(decisions)
      .values({
        companyId: session.companyId,
        sessionId: session.id,
        decision: input.decision,
        reason: input.reason,
        decidedBy: input.actor.userId,
        emailId: email?.id ?? null,
        // The clock after the lock, not the transaction's start: a decision that waited for another is newer than it.
        createdAt: sql`clock_timestamp()`,
      })
      .returning({ id: decisions.id });
    await writeAudit(tx, {
      action: previous ? "DECISION_CHANGED" : "DECISION_MADE",
      companyId: session.companyId,
      userId: input.actor.userId,
      resourceType: "interview_session",
      resourceId: session.id,
      details: {
        decision_id: row!.id,
        from: previous?.decision ?? null,
        to: input.decision,
        reason: input.reason,
        email_id: email?.id ?? null,
      },
      meta: input.meta,
    });
    return { changed: true, email };
  });

  const job = outcome.email ? await sendLater(outcome.email) : null;
  const [current] = await listDecisions(db, { companyId: session.companyId, sessionId: session.id });
  return { changed: outcome.changed, decision: toDecisionJson(current!), email_job_id: job?.jobId ?? null };
}

/** The interview's template for the decision (or the default), filled in and written to the outbox in `tx`. */
async function queueDecisionEmail(tx: Tx, session: ReviewableSession, decision: Decision) {
  const interview = await getInterview(tx, { companyId: session.companyId, interviewId: session.interviewId });
  const [company] = await tx
    .select({ name: companies.name })
    .from(companies)
    .where(eq(companies.id, session.companyId));
  const message = renderDecisionEmail(templateFor(interview.decisionEmails, decision), {
    candidateName: session.candidateName,
    interviewTitle: interview.title,
    companyName: company?.name ?? "",
  });
  return queueEmail(tx, {
    companyId: session.companyId,
    tokenId: session.tokenId,
    to: session.candidateEmail!,
    ...message,
  });
}

/** decide on the app's database (the API's decision). */
export async function decideSession(input: DecideInput) {
  return decide(await getDb(), input);
}
