import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { answerEvaluations, evaluations, type QuestionSnapshot, recordings, transcripts, users } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { evaluationConfig } from "@/lib/evaluation/config";
import { JOB_SCHEMA } from "@/lib/jobs/boss";
import { jobIdFor } from "@/lib/jobs/define";
import { EVALUATE_SESSION, TRANSCRIBE_RECORDING } from "@/lib/jobs/queues";
import { transcriptionEngine } from "@/lib/transcription/engine";

// What the review shows of the AI pipeline for one session: each answer's transcript (the take that plays back), the
// evaluation versions (newest first; older ones stay visible), and where each job stands, read from pg-boss by the
// jobs' deterministic ids. The AI's scores are advice: the review says so; people decide.

export type JobState = "queued" | "running" | "retrying" | "failed" | "done";
export type StepState = JobState | "off" | "waiting";

const STATE_OF: Record<string, JobState> = {
  created: "queued",
  retry: "retrying",
  active: "running",
  failed: "failed",
  completed: "done",
  cancelled: "failed",
};

interface JobRow {
  id: string;
  state: string;
  output: unknown;
}

async function jobStates(db: DbOrTx, ids: string[]): Promise<Map<string, { state: JobState; error: string | null }>> {
  if (ids.length === 0) return new Map();
  // Before any process has started pg-boss (a fresh database, a web instance that only reads) there is no job table.
  const [present] = rowsOf<{ present: boolean }>(
    await db.execute(sql`SELECT to_regclass(${`${JOB_SCHEMA}.job`}) IS NOT NULL AS present`),
  );
  if (!present?.present) return new Map();
  const rows = rowsOf<JobRow>(
    await db.execute(
      sql`SELECT id::text AS id, state::text AS state, output FROM ${sql.raw(`${JOB_SCHEMA}.job`)} WHERE id IN (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    ),
  );
  return new Map(
    rows.map((r) => {
      const output = (typeof r.output === "string" ? JSON.parse(r.output) : r.output) as { message?: unknown } | null;
      const error = typeof output?.message === "string" ? output.message.split("\n")[0]!.slice(0, 300) : null;
      return [r.id, { state: STATE_OF[r.state] ?? "queued", error: r.state === "failed" ? error : null }];
    }),
  );
}

export const transcribeJobId = (recordingId: string, take: number) =>
  jobIdFor(TRANSCRIBE_RECORDING.queue, TRANSCRIBE_RECORDING.key({ company_id: "", recording_id: recordingId, take }));
export const evaluateJobId = (sessionId: string, version: number) =>
  jobIdFor(EVALUATE_SESSION.queue, EVALUATE_SESSION.key({ company_id: "", session_id: sessionId, version }));

/**
 * The rows are read before the jobs' states, not in one snapshot: a job that finished in between reads as completed
 * while the row read earlier does not show its result yet. Done is what the rows say (a job writes its row before it
 * completes), so until they do, the step is still running.
 */
const stillRunning = (state: JobState): JobState => (state === "done" ? "running" : state);

/**
 * `scoresHidden` (blind review, lib/scorecards/visibility.ts: the viewer has not submitted their scorecard yet) keeps
 * the transcripts and where the jobs stand but withholds every version's scores, evidence, rationales and summary.
 */
export async function aiReviewOf(
  db: DbOrTx,
  session: { id: string; status: string; questions: QuestionSnapshot[] },
  { scoresHidden = false } = {},
) {
  const transcriptionOn = transcriptionEngine().kind !== "none";
  const evaluationOn = evaluationConfig() !== null;
  const [ready, texts, versions] = await Promise.all([
    db
      .select({ id: recordings.id, questionIndex: recordings.questionIndex, take: recordings.take })
      .from(recordings)
      .where(and(eq(recordings.sessionId, session.id), eq(recordings.status, "ready"))),
    db
      .select({
        questionIndex: transcripts.questionIndex,
        take: transcripts.take,
        recordingId: transcripts.recordingId,
        text: transcripts.text,
        segments: transcripts.segments,
        words: transcripts.words,
        wordTimesEstimated: transcripts.wordTimesEstimated,
        model: transcripts.model,
        language: transcripts.language,
      })
      .from(transcripts)
      .where(eq(transcripts.sessionId, session.id)),
    db
      .select({
        id: evaluations.id,
        version: evaluations.version,
        status: evaluations.status,
        model: evaluations.model,
        promptVersion: evaluations.promptVersion,
        summary: evaluations.summary,
        inputTokens: evaluations.inputTokens,
        outputTokens: evaluations.outputTokens,
        latencyMs: evaluations.latencyMs,
        costUsd: evaluations.costUsd,
        error: evaluations.error,
        createdAt: evaluations.createdAt,
        completedAt: evaluations.completedAt,
        requestedBy: users.email,
      })
      .from(evaluations)
      .leftJoin(users, eq(users.id, evaluations.requestedBy))
      .where(eq(evaluations.sessionId, session.id))
      .orderBy(desc(evaluations.version)),
  ]);
  const perAnswer =
    versions.length && !scoresHidden
      ? await db
          .select({
            evaluationId: answerEvaluations.evaluationId,
            questionIndex: answerEvaluations.questionIndex,
            criteria: answerEvaluations.criteria,
          })
          .from(answerEvaluations)
          .where(
            inArray(
              answerEvaluations.evaluationId,
              versions.map((v) => v.id),
            ),
          )
          .orderBy(asc(answerEvaluations.questionIndex))
      : [];

  const current = new Map(
    texts
      .filter((t) => ready.some((r) => r.id === t.recordingId && r.take === t.take))
      .map((t) => [t.questionIndex, t]),
  );
  const pendingTranscriptions = ready
    .filter((r) => !current.has(r.questionIndex))
    .map((r) => ({ ...r, jobId: transcribeJobId(r.id, r.take) }));
  const latest = versions[0];
  const evaluationJob =
    latest && latest.status !== "completed"
      ? evaluateJobId(session.id, latest.version)
      : session.status === "completed" && !latest
        ? evaluateJobId(session.id, 1)
        : null;
  const states = await jobStates(db, [
    ...pendingTranscriptions.map((p) => p.jobId),
    ...(evaluationJob ? [evaluationJob] : []),
  ]);

  const answers = session.questions.map((q) => {
    const transcript = current.get(q.index);
    const pending = pendingTranscriptions.find((p) => p.questionIndex === q.index);
    const job = pending ? states.get(pending.jobId) : undefined;
    const state: StepState | "no_recording" = transcript
      ? "done"
      : !pending
        ? "no_recording"
        : !transcriptionOn
          ? "off"
          : stillRunning(job?.state ?? "queued");
    return {
      answer: q.index,
      has_criteria: (q.criteria?.length ?? 0) > 0,
      transcription: {
        state,
        job_id: pending && job?.state === "failed" ? pending.jobId : null,
        error: job?.error ?? null,
      },
      transcript: transcript
        ? {
            text: transcript.text,
            segments: transcript.segments,
            words: transcript.words,
            word_times_estimated: transcript.wordTimesEstimated,
            model: transcript.model,
            language: transcript.language,
          }
        : null,
    };
  });

  const evaluationJobState = evaluationJob ? states.get(evaluationJob) : undefined;
  const evaluationState: StepState | "no_criteria" =
    !evaluationOn && !latest
      ? "off"
      : !session.questions.some((q) => q.criteria?.length)
        ? "no_criteria"
        : latest?.status === "completed"
          ? "done"
          : latest?.status === "failed"
            ? "failed"
            : evaluationJobState
              ? stillRunning(evaluationJobState.state)
              : latest
                ? "queued"
                : "waiting";

  return {
    /** The AI's scores are advice for the people who decide; the review says so next to them. */
    advisory: true as const,
    /** True while blind review withholds the AI's scores, evidence, rationales and summary from this viewer. */
    scores_hidden: scoresHidden,
    transcription_enabled: transcriptionOn,
    evaluation_enabled: evaluationOn,
    answers,
    evaluation: {
      state: evaluationState,
      job_id: evaluationJobState?.state === "failed" ? evaluationJob : null,
      error: latest?.error ?? evaluationJobState?.error ?? null,
    },
    evaluations: versions.map((v) => ({
      version: v.version,
      status: v.status,
      requested_by: v.requestedBy,
      model: v.model,
      prompt_version: v.promptVersion,
      input_tokens: v.inputTokens,
      output_tokens: v.outputTokens,
      latency_ms: v.latencyMs,
      cost_usd: v.costUsd,
      error: v.error,
      created_at: v.createdAt.toISOString(),
      completed_at: v.completedAt?.toISOString() ?? null,
      summary: scoresHidden ? null : v.summary,
      answers: perAnswer
        .filter((a) => a.evaluationId === v.id)
        .map((a) => ({ answer: a.questionIndex, criteria: a.criteria })),
    })),
  };
}

export type AiReview = Awaited<ReturnType<typeof aiReviewOf>>;
