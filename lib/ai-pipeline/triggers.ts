import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { interviewSessions } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { evaluationConfig } from "@/lib/evaluation/config";
import { enqueue } from "@/lib/jobs/enqueue";
import { EVALUATE_SESSION, TRANSCRIBE_RECORDING } from "@/lib/jobs/queues";
import { log } from "@/lib/log";
import { transcriptionEngine } from "@/lib/transcription/engine";

// When the AI pipeline's jobs are enqueued. Each trigger is best effort right after the fact (a finalized recording,
// a completed session, a stored transcript) for speed, and the sweep, on the workers' schedule, enqueues whatever a
// crash between commit and enqueue left behind: job keys make enqueueing twice harmless, so nothing is ever lost.

const SWEEP_LIMIT = 500; // recordings or sessions per sweep; the next sweep takes the rest

/** A recording turned ready: transcribe its current take. */
export async function transcribeWhenReady(input: {
  companyId: string;
  recordingId: string;
  take: number;
}): Promise<void> {
  if (transcriptionEngine().kind === "none") return;
  await enqueue(TRANSCRIBE_RECORDING, {
    company_id: input.companyId,
    recording_id: input.recordingId,
    take: input.take,
  }).catch((error: unknown) =>
    log.warn("ai.enqueue_failed", {
      job: TRANSCRIBE_RECORDING.queue,
      recording_id: input.recordingId,
      error: String(error),
    }),
  );
}

// A session some question of which has criteria: the others have nothing to score, so they are never evaluated (and
// the sweep does not pick them up again every time).
const scoredSql = (questions: SQL) => sql`jsonb_path_exists(${questions}, '$[*].criteria[*]')`;

/**
 * A session completed or one of its transcripts was stored: once it is completed, has criteria to score, and every
 * ready answer's current take has a transcript, its first evaluation is enqueued (re-runs are enqueued by the people
 * who ask for them).
 */
export async function evaluateWhenTranscribed(input: { companyId: string; sessionId: string }): Promise<void> {
  if (!evaluationConfig()) return;
  const db = await getDb();
  const [row] = rowsOf<{ ready: boolean }>(
    await db.execute(sql`
      SELECT s.status = 'completed' AND ${scoredSql(sql`s.questions`)} AND NOT EXISTS (
               SELECT 1 FROM recordings r
                WHERE r.session_id = s.id AND r.status = 'ready'
                  AND NOT EXISTS (SELECT 1 FROM transcripts t WHERE t.recording_id = r.id AND t.take = r.take)
             ) AS ready
        FROM interview_sessions s
       WHERE s.id = ${input.sessionId} AND s.company_id = ${input.companyId}`),
  );
  if (!row?.ready) return;
  await enqueue(EVALUATE_SESSION, { company_id: input.companyId, session_id: input.sessionId, version: 1 }).catch(
    (error: unknown) =>
      log.warn("ai.enqueue_failed", { job: EVALUATE_SESSION.queue, session_id: input.sessionId, error: String(error) }),
  );
}

/** The sweep: ready takes with no transcript, and transcribed completed sessions never evaluated. */
export async function sweepAiPipeline(): Promise<{ transcriptions: number; evaluations: number }> {
  const db = await getDb();
  let transcriptions = 0;
  let evaluations = 0;
  if (transcriptionEngine().kind !== "none") {
    const pending = rowsOf<{ id: string; company_id: string; take: number }>(
      await db.execute(sql`
        SELECT r.id, r.company_id, r.take FROM recordings r
         WHERE r.status = 'ready'
           AND NOT EXISTS (SELECT 1 FROM transcripts t WHERE t.recording_id = r.id AND t.take = r.take)
         ORDER BY r.ready_at LIMIT ${SWEEP_LIMIT}`),
    );
    for (const r of pending) {
      await enqueue(TRANSCRIBE_RECORDING, { company_id: r.company_id, recording_id: r.id, take: r.take });
      transcriptions += 1;
    }
  }
  if (evaluationConfig()) {
    const sessions = await db
      .select({ id: interviewSessions.id, companyId: interviewSessions.companyId })
      .from(interviewSessions)
      .where(
        and(
          eq(interviewSessions.status, "completed"),
          scoredSql(sql`${interviewSessions.questions}`),
          sql`EXISTS (SELECT 1 FROM transcripts t WHERE t.session_id = ${interviewSessions.id})`,
          sql`NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.session_id = ${interviewSessions.id})`,
        ),
      )
      .limit(SWEEP_LIMIT);
    for (const s of sessions) {
      await evaluateWhenTranscribed({ companyId: s.companyId, sessionId: s.id });
      evaluations += 1;
    }
  }
  return { transcriptions, evaluations };
}
