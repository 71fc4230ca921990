import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { decisions, emailOutbox, users } from "@/db/schema";
import type { InterviewActor } from "@/lib/interviews/access";
import { reviewableSession } from "@/lib/review/access";

// A session's decisions, newest first: the first is the decision, the rest its history. Scoped by the session the
// caller already checked (lib/review/access.ts), and by company besides.

export async function listDecisions(db: DbOrTx, { companyId, sessionId }: { companyId: string; sessionId: string }) {
  return db
    .select({
      id: decisions.id,
      decision: decisions.decision,
      reason: decisions.reason,
      createdAt: decisions.createdAt,
      decidedBy: decisions.decidedBy,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      emailId: decisions.emailId,
      emailTo: emailOutbox.toAddress,
      emailSubject: emailOutbox.subject,
      emailStatus: emailOutbox.status,
      emailTransport: emailOutbox.transport,
      emailAttempts: emailOutbox.attempts,
      emailError: emailOutbox.error,
      emailSentAt: emailOutbox.sentAt,
    })
    .from(decisions)
    .innerJoin(users, eq(users.id, decisions.decidedBy))
    .leftJoin(emailOutbox, eq(emailOutbox.id, decisions.emailId))
    .where(and(eq(decisions.sessionId, sessionId), eq(decisions.companyId, companyId)))
    .orderBy(desc(decisions.createdAt), desc(decisions.id));
}

export type DecisionListRow = Awaited<ReturnType<typeof listDecisions>>[number];

/** The decisions of a session the viewer may review (404 or 403 otherwise), newest first. */
export async function sessionDecisions({ viewer, sessionId }: { viewer: InterviewActor; sessionId: string }) {
  const db = await getDb();
  const session = await reviewableSession(db, { viewer, sessionId });
  return listDecisions(db, { companyId: session.companyId, sessionId: session.id });
}
