import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { type CandidateToken, type Decision, decisions, interviewSessions } from "@/db/schema";
import { latestErasureRequest } from "@/lib/erasure/queries";
import { type SessionReceipt, sessionReceipt } from "@/lib/review/receipt";
import { effectiveMaxAttempts } from "./status";

// The candidate's status page, under the invite's state message: attempts used and left, the receipt of every
// completed attempt, the decision once HR chose to tell them, and their erasure request. Read with the link only, so
// it holds nothing the candidate did not already know or send.

export interface StatusPageFacts {
  attemptsUsed: number;
  maxAttempts: number;
  /** Every completed attempt's receipt, oldest first. */
  receipts: SessionReceipt[];
  /**
   * The newest decision, when the candidate was emailed about it (HR ticked "tell the candidate"). When a later
   * decision was not emailed, nothing is shown: an older one they were told about may no longer be true. Reasons are
   * never shown.
   */
  decision: { decision: Decision; toldAt: string } | null;
  erasure: { status: "pending" | "completed"; requestedAt: string; completedAt: string | null } | null;
}

export async function statusPageFacts(db: DbOrTx, token: CandidateToken): Promise<StatusPageFacts> {
  const completed = await db
    .select({ id: interviewSessions.id })
    .from(interviewSessions)
    .where(and(eq(interviewSessions.tokenId, token.id), eq(interviewSessions.status, "completed")))
    .orderBy(asc(interviewSessions.attemptNumber));
  const receipts = await Promise.all(completed.map((s) => sessionReceipt(db, { sessionId: s.id })));
  const [latest] =
    completed.length === 0
      ? []
      : await db
          .select({ decision: decisions.decision, createdAt: decisions.createdAt, emailId: decisions.emailId })
          .from(decisions)
          .where(
            inArray(
              decisions.sessionId,
              completed.map((s) => s.id),
            ),
          )
          .orderBy(desc(decisions.createdAt), desc(decisions.id))
          .limit(1);
  const told = latest?.emailId ? latest : null;
  const erasure = await latestErasureRequest(db, { tokenId: token.id });
  return {
    attemptsUsed: token.currentAttempts,
    maxAttempts: effectiveMaxAttempts(token),
    receipts,
    decision: told ? { decision: told.decision, toldAt: told.createdAt.toISOString() } : null,
    erasure: erasure && {
      status: erasure.status,
      requestedAt: erasure.createdAt.toISOString(),
      completedAt: erasure.completedAt?.toISOString() ?? null,
    },
  };
}
