import "server-only";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { candidateTokens, interviewQuestions, interviews, interviewSessions, type InterviewStatus } from "@/db/schema";
import { notFound } from "@/lib/errors";

export type InterviewRow = typeof interviews.$inferSelect;
export type QuestionRow = typeof interviewQuestions.$inferSelect;
export interface InterviewCounts {
  invited: number;
  started: number;
  completed: number;
}

/** The interview of this company, or 404 (another company's id looks exactly like an unknown one). */
export async function getInterview(db: DbOrTx, { companyId, interviewId }: { companyId: string; interviewId: string }) {
  const [row] = await db
    .select()
    .from(interviews)
    .where(and(eq(interviews.id, interviewId), eq(interviews.companyId, companyId)))
    .limit(1);
  if (!row) throw notFound("Interview");
  return row;
}

export async function getQuestions(db: DbOrTx, { companyId, interviewId }: { companyId: string; interviewId: string }) {
  return db
    .select()
    .from(interviewQuestions)
    .where(and(eq(interviewQuestions.interviewId, interviewId), eq(interviewQuestions.companyId, companyId)))
    .orderBy(asc(interviewQuestions.position));
}

/** Invited = invites minted; started = invites with at least one attempt; completed = with a completed attempt. */
export async function countsFor(
  db: DbOrTx,
  { companyId, interviewIds }: { companyId: string; interviewIds: string[] },
) {
  const result = new Map<string, InterviewCounts>(
    interviewIds.map((id) => [id, { invited: 0, started: 0, completed: 0 }]),
  );
  if (interviewIds.length === 0) return result;
  const rows = await db
    .select({
      interviewId: candidateTokens.interviewId,
      invited: count(),
      started: sql<number>`count(*) filter (where ${candidateTokens.currentAttempts} > 0)`.mapWith(Number),
      completed: sql<number>`count(*) filter (where exists (
        select 1 from ${interviewSessions} s where s.token_id = ${candidateTokens.id} and s.status = 'completed'))`.mapWith(
        Number,
      ),
    })
    .from(candidateTokens)
    .where(and(eq(candidateTokens.companyId, companyId), inArray(candidateTokens.interviewId, interviewIds)))
    .groupBy(candidateTokens.interviewId);
  for (const row of rows)
    result.set(row.interviewId, { invited: row.invited, started: row.started, completed: row.completed });
  return result;
}

export async function listInterviews(
  db: DbOrTx,
  { companyId, status, skip, limit }: { companyId: string; status?: InterviewStatus; skip: number; limit: number },
) {
  const conditions: SQL[] = [eq(interviews.companyId, companyId)];
  if (status) conditions.push(eq(interviews.status, status));
  const where = and(...conditions);
  const [items, [totals]] = await Promise.all([
    db
      .select()
      .from(interviews)
      .where(where)
      .orderBy(desc(interviews.createdAt), desc(interviews.id))
      .offset(skip)
      .limit(limit),
    db.select({ total: count() }).from(interviews).where(where),
  ]);
  const counts = await countsFor(db, { companyId, interviewIds: items.map((i) => i.id) });
  return { items: items.map((i) => ({ ...i, counts: counts.get(i.id)! })), total: totals?.total ?? 0 };
}

/** A page of the company's interviews with their counts, and the total (the API's list). */
export async function companyInterviews(input: {
  companyId: string;
  status?: InterviewStatus;
  skip: number;
  limit: number;
}) {
  return listInterviews(await getDb(), input);
}

/** One interview of the company with its questions and counts, or 404. */
export async function interviewWithQuestions({ companyId, interviewId }: { companyId: string; interviewId: string }) {
  const db = await getDb();
  const interview = await getInterview(db, { companyId, interviewId });
  const [questions, counts] = await Promise.all([
    getQuestions(db, { companyId, interviewId }),
    countsFor(db, { companyId, interviewIds: [interviewId] }),
  ]);
  return { interview, questions, counts: counts.get(interviewId) };
}
