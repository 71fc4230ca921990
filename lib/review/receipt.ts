import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { interviewSessions, recordings, type QuestionSnapshot } from "@/db/schema";
import { notFound } from "@/lib/errors";

// What was received, answer by answer: shown to the interviewer beside each recording and to the candidate on their
// landing page, so both can see the same proof. Only READY recordings count: nothing else was safely stored.

const SHA256_PREFIX_CHARS = 12; // enough to compare by eye, short enough to read aloud

export interface ReceiptAnswer {
  /** 0-based, as in the recording routes. */
  answer: number;
  question: string;
  duration_ms: number | null;
  size_bytes: number;
  sha256_prefix: string;
  /** When the recording was verified and stored (ISO-8601). */
  received_at: string;
}

export interface SessionReceipt {
  session_id: string;
  /** When the session was completed; null while it is open or if it was abandoned. */
  completed_at: string | null;
  answers: ReceiptAnswer[];
}

export interface ReceiptSession {
  id: string;
  status: string;
  endedAt: Date | null;
  questions: QuestionSnapshot[];
}

export interface ReceiptRecording {
  questionIndex: number;
  status: string;
  durationMs: number | null;
  sizeBytes: number | null;
  sha256: string | null;
  readyAt: Date | null;
}

/** The receipt from rows already loaded (pure). */
export function receiptFrom(session: ReceiptSession, rows: ReceiptRecording[]): SessionReceipt {
  const questionText = (questionIndex: number) =>
    (session.questions.find((q) => q.index === questionIndex) ?? session.questions[questionIndex])?.text ?? "";
  const answers = rows
    .filter((r) => r.status === "ready" && r.sha256 && r.readyAt && r.sizeBytes !== null)
    .sort((a, b) => a.questionIndex - b.questionIndex)
    .map((r) => ({
      answer: r.questionIndex,
      question: questionText(r.questionIndex),
      duration_ms: r.durationMs,
      size_bytes: r.sizeBytes!,
      sha256_prefix: r.sha256!.slice(0, SHA256_PREFIX_CHARS),
      received_at: r.readyAt!.toISOString(),
    }));
  return {
    session_id: session.id,
    completed_at: session.status === "completed" && session.endedAt ? session.endedAt.toISOString() : null,
    answers,
  };
}

/** The receipt of one session (404 when there is no such session). The caller has already authorized the reader. */
export async function sessionReceipt(db: DbOrTx, { sessionId }: { sessionId: string }): Promise<SessionReceipt> {
  const [session] = await db
    .select({
      id: interviewSessions.id,
      companyId: interviewSessions.companyId,
      status: interviewSessions.status,
      endedAt: interviewSessions.endedAt,
      questions: interviewSessions.questions,
    })
    .from(interviewSessions)
    .where(eq(interviewSessions.id, sessionId))
    .limit(1);
  if (!session) throw notFound("Session");
  const rows = await db
    .select({
      questionIndex: recordings.questionIndex,
      status: recordings.status,
      durationMs: recordings.durationMs,
      sizeBytes: recordings.sizeBytes,
      sha256: recordings.sha256,
      readyAt: recordings.readyAt,
    })
    .from(recordings)
    .where(
      and(
        eq(recordings.companyId, session.companyId),
        eq(recordings.sessionId, session.id),
        eq(recordings.status, "ready"),
      ),
    )
    .orderBy(asc(recordings.questionIndex));
  return receiptFrom(session, rows);
}
