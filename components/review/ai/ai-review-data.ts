import type { CriterionEvaluation } from "@/lib/evaluation/evaluate-answer";
import type { SessionSummary } from "@/lib/evaluation/summary";
import type { FormState } from "@/lib/http/server-action";
import type { SessionDetailJson } from "@/lib/review/serialize";

// The review's reading of the session's `ai` field: which evaluation version is shown, its scores per answer and its
// summary, and whether a job is still moving. Pure: plain data in, plain data out.

export type AiReview = SessionDetailJson["ai"];
export type AiAnswer = AiReview["answers"][number];
export type Transcript = NonNullable<AiAnswer["transcript"]>;
export type EvaluationVersion = AiReview["evaluations"][number];
export type { CriterionEvaluation, SessionSummary };

/** The page's server action that puts a failed job back on its queue (HR and ADMIN only; absent for others). */
export type RetryJobAction = (state: FormState, data: FormData) => Promise<FormState>;

const MOVING = new Set<string>(["queued", "running", "retrying"]);

/** A job that is queued, running or retrying: it will change without anyone doing anything. */
export const isMoving = (state: string) => MOVING.has(state);

/** True while a transcription or the evaluation is moving: the page keeps itself fresh. */
export function aiJobsPending(ai: AiReview): boolean {
  return ai.answers.some((a) => isMoving(a.transcription.state)) || isMoving(ai.evaluation.state);
}

/** The version whose scores the review shows: the newest completed one (a newer re-run may still be running). */
export function shownEvaluation(ai: AiReview): EvaluationVersion | null {
  return ai.evaluations.find((v) => v.status === "completed") ?? null;
}

/** Every version but the shown one, newest first. */
export function otherEvaluations(ai: AiReview): EvaluationVersion[] {
  const shown = shownEvaluation(ai);
  return ai.evaluations.filter((v) => v !== shown);
}

// The evaluate-session job stores these columns as JSON of exactly these types (lib/ai-pipeline/evaluate-job.ts).

/** One answer's criteria in a version, in the rubric's order; null when that answer was not scored in it. */
export function criteriaOf(version: EvaluationVersion, answer: number): CriterionEvaluation[] | null {
  const entry = version.answers.find((a) => a.answer === answer);
  return entry ? (entry.criteria as unknown as CriterionEvaluation[]) : null;
}

/** The version's strengths, concerns and gaps; null until it completes. */
export function summaryOf(version: EvaluationVersion): SessionSummary | null {
  return (version.summary as unknown as SessionSummary | null) ?? null;
}
