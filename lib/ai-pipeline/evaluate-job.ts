import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { answerEvaluations, evaluations, interviews, interviewSessions, recordings, transcripts } from "@/db/schema";
import { evaluationConfig, type EvaluationConfig } from "@/lib/evaluation/config";
import { EvaluationError } from "@/lib/evaluation/errors";
import { type CriterionEvaluation, evaluateAnswer } from "@/lib/evaluation/evaluate-answer";
import { PROMPT_VERSION } from "@/lib/evaluation/prompt";
import { summarizeSession } from "@/lib/evaluation/summary";
import { PermanentJobError } from "@/lib/jobs/permanent";
import { log } from "@/lib/log";
import { sessionErased, sessionNotErased } from "./erased";

// The evaluate-session job: one version of a completed session's AI evaluation. Each answer with criteria and a
// transcript is assessed on its own (the model sees that question, its criteria, the competencies and that answer's
// transcript: no name, email, video or other answers); every quote is verified against the transcript; then a
// summary is built from the verified evidence only. Idempotent by what it produces: the version row is keyed
// (session, version) and each answer's row (evaluation, question), so a retry after a crash resumes where it stopped
// and a run of a completed version does nothing.

export interface EvaluateJobInput {
  company_id: string;
  session_id: string;
  version: number;
}

export type EvaluateJobOutcome = "evaluated" | "already_evaluated" | "off" | "not_completed" | "erased";

export async function runEvaluateJob(
  input: EvaluateJobInput,
  deps: { config?: EvaluationConfig | null; lastAttempt?: boolean } = {},
): Promise<EvaluateJobOutcome> {
  const config = deps.config === undefined ? evaluationConfig() : deps.config;
  if (!config) return "off";
  const db = await getDb();
  if (await erasedNoOp(input)) return "erased";
  const [session] = await db
    .select({
      id: interviewSessions.id,
      status: interviewSessions.status,
      questions: interviewSessions.questions,
      competencies: interviews.competencies,
    })
    .from(interviewSessions)
    .innerJoin(interviews, eq(interviews.id, interviewSessions.interviewId))
    .where(and(eq(interviewSessions.id, input.session_id), eq(interviewSessions.companyId, input.company_id)));
  if (!session || session.status !== "completed") return "not_completed";

  await db
    .insert(evaluations)
    .values({
      companyId: input.company_id,
      sessionId: session.id,
      version: input.version,
      promptVersion: PROMPT_VERSION,
      model: config.model,
    })
    .onConflictDoNothing();
  const [evaluation] = await db
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.sessionId, session.id), eq(evaluations.version, input.version)));
  if (!evaluation) throw new Error(`evaluation v${input.version} of session ${session.id} vanished`);
  if (evaluation.status === "completed") return "already_evaluated";
  if (
    evaluation.promptVersion !== PROMPT_VERSION ||
    evaluation.model !== config.model ||
    evaluation.status === "failed"
  ) {
    // A re-run's row is created when it is asked for; what evaluates it is known now. A failed version someone retried
    // is running again: the review shows the job's state, not the old failure, until this attempt ends.
    await db
      .update(evaluations)
      .set({ promptVersion: PROMPT_VERSION, model: config.model, status: "running", error: null })
      .where(eq(evaluations.id, evaluation.id));
  }

  try {
    const answered = await evaluateAnswers({
      companyId: input.company_id,
      evaluationId: evaluation.id,
      session,
      config,
    });
    // Erased while the answers were assessed: nothing more goes to the model, and nothing stays.
    if (answered === "erased" || !(await summarize(evaluation.id, session.id, config))) {
      if (await erasedNoOp(input)) return "erased";
      throw new Error(`evaluation v${input.version} of session ${session.id} vanished`);
    }
    return "evaluated";
  } catch (error) {
    const permanent = error instanceof EvaluationError && !error.retryable;
    if (permanent || deps.lastAttempt) {
      await db
        .update(evaluations)
        .set({ status: "failed", error: error instanceof Error ? error.message.slice(0, 500) : "unknown error" })
        .where(eq(evaluations.id, evaluation.id));
    }
    if (permanent)
      throw new PermanentJobError(`${(error as EvaluationError).kind}: ${(error as Error).message}`, { cause: error });
    throw error;
  }
}

/**
 * The candidate's data was erased (lib/erasure): the job completes without evaluating anything, and the version row a
 * re-run may have created goes too, so the review never shows a version waiting forever. Logged.
 */
async function erasedNoOp(input: EvaluateJobInput): Promise<boolean> {
  const db = await getDb();
  if (!(await sessionErased(db, input.session_id))) return false;
  await db
    .delete(evaluations)
    .where(and(eq(evaluations.sessionId, input.session_id), eq(evaluations.version, input.version)));
  log.info("evaluation.skipped_erased", { session_id: input.session_id, version: input.version });
  return true;
}

/** The latest transcript of each answer whose recording is ready (the take that will be played back). */
async function currentTranscripts(sessionId: string) {
  const db = await getDb();
  return db
    .select({
      id: transcripts.id,
      questionIndex: transcripts.questionIndex,
      text: transcripts.text,
      words: transcripts.words,
    })
    .from(transcripts)
    .innerJoin(recordings, and(eq(recordings.id, transcripts.recordingId), eq(recordings.take, transcripts.take)))
    .where(and(eq(transcripts.sessionId, sessionId), eq(recordings.status, "ready")))
    .orderBy(asc(transcripts.questionIndex));
}

async function evaluateAnswers(input: {
  companyId: string;
  evaluationId: string;
  session: {
    id: string;
    questions: {
      index: number;
      text: string;
      criteria?: { name: string; good: string; anchors: { "1": string; "3": string; "5": string } }[];
    }[];
    competencies: { name: string; description: string }[];
  };
  config: EvaluationConfig;
}): Promise<"done" | "erased"> {
  const db = await getDb();
  const done = new Set(
    (
      await db
        .select({ q: answerEvaluations.questionIndex })
        .from(answerEvaluations)
        .where(eq(answerEvaluations.evaluationId, input.evaluationId))
    ).map((r) => r.q),
  );
  for (const transcript of await currentTranscripts(input.session.id)) {
    const question = input.session.questions.find((q) => q.index === transcript.questionIndex);
    if (!question?.criteria?.length || done.has(transcript.questionIndex)) continue;
    // No answer goes to the model once the candidate's data was erased.
    if (await sessionErased(db, input.session.id)) return "erased";
    const result = await evaluateAnswer(
      {
        question: question.text,
        criteria: question.criteria,
        competencies: input.session.competencies,
        transcript: { text: transcript.text, words: transcript.words },
      },
      { config: input.config },
    );
    if (result.status !== "evaluated") return "done";
    await db
      .insert(answerEvaluations)
      .values({
        companyId: input.companyId,
        evaluationId: input.evaluationId,
        questionIndex: transcript.questionIndex,
        transcriptId: transcript.id,
        criteria: result.criteria as unknown as Record<string, unknown>[],
        promptVersion: result.promptVersion,
        model: result.model,
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
        latencyMs: result.latencyMs,
        costUsd: typeof result.costUsd === "number" ? result.costUsd : null,
      })
      .onConflictDoNothing();
  }
  return "done";
}

/** Completes the version with its summary; false (and nothing written) when the candidate's data was erased. */
async function summarize(evaluationId: string, sessionId: string, config: EvaluationConfig): Promise<boolean> {
  const db = await getDb();
  const answers = await db
    .select()
    .from(answerEvaluations)
    .where(eq(answerEvaluations.evaluationId, evaluationId))
    .orderBy(asc(answerEvaluations.questionIndex));
  if (await sessionErased(db, sessionId)) return false;
  const summary = await summarizeSession(
    answers.map((a) => ({ answer: a.questionIndex, criteria: a.criteria as unknown as CriterionEvaluation[] })),
    { config },
  );
  const sum = (pick: (a: (typeof answers)[number]) => number) => answers.reduce((total, a) => total + pick(a), 0);
  const costs = answers.map((a) => a.costUsd);
  const summaryCost = typeof summary.costUsd === "number" ? summary.costUsd : null;
  const scored = answers.flatMap((a) =>
    (a.criteria as unknown as CriterionEvaluation[]).flatMap((c) => (c.status === "scored" ? [c.score] : [])),
  );
  const stored = await db
    .update(evaluations)
    .set({
      status: "completed",
      summary: summary as unknown as Record<string, unknown>,
      inputTokens: sum((a) => a.inputTokens) + summary.usage.inputTokens,
      outputTokens: sum((a) => a.outputTokens) + summary.usage.outputTokens,
      latencyMs: sum((a) => a.latencyMs) + summary.latencyMs,
      costUsd:
        costs.every((c) => c !== null) && (summaryCost !== null || summary.source === "deterministic")
          ? costs.reduce((t, c) => t! + c!, 0)! + (summaryCost ?? 0)
          : null,
      overallScore: scored.length ? scored.reduce((t, v) => t + v, 0) / scored.length : null,
      completedAt: new Date(),
      error: null,
    })
    .where(and(eq(evaluations.id, evaluationId), sessionNotErased(sessionId)))
    .returning({ id: evaluations.id });
  if (stored.length === 0) return false;
  log.info("evaluation.completed", { evaluation_id: evaluationId, answers: answers.length, summary: summary.source });
  return true;
}
