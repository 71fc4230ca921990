import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { interviews, interviewSessions, recordings } from "@/db/schema";

/**
 * What the room needs to pick up where the candidate left off: each answer's server-side state (a ready answer is
 * done; an uploading one has a take in progress) and the interview's rules for re-records and the practice question.
 */
export async function sessionProgress(db: DbOrTx, sessionId: string) {
  const [interview] = await db
    .select({ retakesAllowed: interviews.retakesAllowed, practiceQuestion: interviews.practiceQuestion })
    .from(interviewSessions)
    .innerJoin(interviews, eq(interviews.id, interviewSessions.interviewId))
    .where(eq(interviewSessions.id, sessionId));
  const rows = await db
    .select({ answer: recordings.questionIndex, status: recordings.status, take: recordings.take, retakesUsed: recordings.retakesUsed })
    .from(recordings)
    .where(eq(recordings.sessionId, sessionId))
    .orderBy(asc(recordings.questionIndex));
  return {
    retakes_allowed: interview?.retakesAllowed ?? 0,
    practice_question: interview?.practiceQuestion ?? false,
    answers: rows.map((r) => ({ answer: r.answer, status: r.status, take: r.take, retakes_used: r.retakesUsed })),
  };
}
