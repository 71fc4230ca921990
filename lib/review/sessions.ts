import "server-only";
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { candidateConsents, candidateTokens, interviewSessions, recordings } from "@/db/schema";
import type { InterviewActor } from "@/lib/interviews/access";
import { relayActivityOf } from "@/lib/livekit/relay-activity";
import { aiReviewOf } from "@/lib/ai-pipeline/review";
import { flagsOf } from "@/lib/observation/flags";
import { reviewVisibility } from "@/lib/scorecards/visibility";
import { liveSql, reviewableInterview, reviewableSession, type ReviewableSession } from "./access";
import { receiptFrom } from "./receipt";

// The sessions (attempts) of an interview, for the people who review them. Access rules are in access.ts.

const durationMs = (startedAt: Date, endedAt: Date | null) =>
  endedAt ? Math.max(0, endedAt.getTime() - startedAt.getTime()) : null;

/** "On question k of n" while live: the answer the candidate last uploaded to, 1-based; null before the first upload. */
const currentQuestion = (currentAnswer: number | null) => (currentAnswer === null ? null : currentAnswer + 1);

/** One interview's sessions, newest first. */
export async function listSessions(
  db: DbOrTx,
  { viewer, interviewId, skip, limit }: { viewer: InterviewActor; interviewId: string; skip: number; limit: number },
) {
  await reviewableInterview(db, { viewer, interviewId });
  const where = and(eq(interviewSessions.companyId, viewer.companyId), eq(interviewSessions.interviewId, interviewId));
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: interviewSessions.id,
        candidateName: candidateTokens.candidateName,
        candidateEmail: candidateTokens.candidateEmail,
        status: interviewSessions.status,
        attemptNumber: interviewSessions.attemptNumber,
        startedAt: interviewSessions.startedAt,
        endedAt: interviewSessions.endedAt,
        currentAnswer: interviewSessions.currentAnswer,
        questionCount: sql<number>`jsonb_array_length(${interviewSessions.questions})`.mapWith(Number),
        answersReady: sql<number>`(select count(*) from ${recordings} r
          where r.session_id = ${interviewSessions.id} and r.company_id = ${interviewSessions.companyId} and r.status = 'ready')`.mapWith(
          Number,
        ),
        live: liveSql,
      })
      .from(interviewSessions)
      .innerJoin(candidateTokens, eq(candidateTokens.id, interviewSessions.tokenId))
      .where(where)
      .orderBy(desc(interviewSessions.startedAt), desc(interviewSessions.id))
      .offset(skip)
      .limit(limit),
    db.select({ total: count() }).from(interviewSessions).where(where),
  ]);
  const items = rows.map(({ currentAnswer, ...row }) => ({
    ...row,
    durationMs: durationMs(row.startedAt, row.endedAt),
    currentQuestion: row.live ? currentQuestion(currentAnswer) : null,
  }));
  return { items, total: totals?.total ?? 0 };
}

export type SessionSummary = Awaited<ReturnType<typeof listSessions>>["items"][number];

/**
 * The consent that covered this attempt: the latest one given at or before the start, else (an attempt started
 * before its consent was stored) the latest given so far. Null when the candidate never consented.
 */
async function consentFor(db: DbOrTx, session: ReviewableSession) {
  const [row] = await db
    .select({
      version: candidateConsents.version,
      statement: candidateConsents.statement,
      acceptedAt: candidateConsents.acceptedAt,
      ipAddress: candidateConsents.ipAddress,
      userAgent: candidateConsents.userAgent,
    })
    .from(candidateConsents)
    .where(
      and(
        eq(candidateConsents.companyId, session.companyId),
        eq(candidateConsents.tokenId, session.tokenId),
        sql`${candidateConsents.acceptedAt} <= now()`,
      ),
    )
    .orderBy(
      sql`(${candidateConsents.acceptedAt} <= ${session.startedAt.toISOString()}::timestamptz) desc`,
      desc(candidateConsents.acceptedAt),
      desc(candidateConsents.id),
    )
    .limit(1);
  return row ?? null;
}

/** One session with its questions, each answer's recording (or null), the consent, the receipt and the live state. */
export async function sessionDetail(db: DbOrTx, { viewer, sessionId }: { viewer: InterviewActor; sessionId: string }) {
  const session = await reviewableSession(db, { viewer, sessionId });
  const { scoresVisible } = await reviewVisibility(db, { sessionId: session.id, viewerId: viewer.userId });
  const [rows, consent, flags, relayActivity, ai] = await Promise.all([
    db
      .select({
        questionIndex: recordings.questionIndex,
        status: recordings.status,
        mimeType: recordings.mimeType,
        sizeBytes: recordings.sizeBytes,
        sha256: recordings.sha256,
        durationMs: recordings.durationMs,
        readyAt: recordings.readyAt,
        take: recordings.take,
        retakesUsed: recordings.retakesUsed,
      })
      .from(recordings)
      .where(and(eq(recordings.companyId, session.companyId), eq(recordings.sessionId, session.id)))
      .orderBy(asc(recordings.questionIndex)),
    consentFor(db, session),
    flagsOf(db, { companyId: session.companyId, sessionId: session.id }),
    relayActivityOf(db, session.id),
    aiReviewOf(db, session, { scoresHidden: !scoresVisible }),
  ]);
  const byAnswer = new Map(rows.map((r) => [r.questionIndex, r]));
  const {
    interviewOwner: _owner,
    tokenId: _token,
    companyId: _company,
    livekitRoom: _room,
    currentAnswer,
    questions,
    ...fields
  } = session;
  return {
    ...fields,
    durationMs: durationMs(session.startedAt, session.endedAt),
    questionCount: questions.length,
    currentQuestion: session.live ? currentQuestion(currentAnswer) : null,
    answers: questions.map((question, position) => ({
      answer: position,
      question,
      recording: byAnswer.get(position) ?? null,
    })),
    consent,
    flags,
    relayActivity,
    ai,
    receipt: receiptFrom(session, rows),
  };
}

export type SessionDetail = Awaited<ReturnType<typeof sessionDetail>>;

/** listSessions on the app's database (the API's list). */
export async function interviewSessionsPage(input: {
  viewer: InterviewActor;
  interviewId: string;
  skip: number;
  limit: number;
}) {
  return listSessions(await getDb(), input);
}

/** sessionDetail on the app's database (the API's session). */
export async function reviewSessionDetail(input: { viewer: InterviewActor; sessionId: string }) {
  return sessionDetail(await getDb(), input);
}
