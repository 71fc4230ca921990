import type { EvidenceGap } from "@/lib/evaluation/summary";
import type { AiAnswer, AiReview, CriterionEvaluation } from "./ai-review-data";

// Words and numbers of the AI review, as reviewers read them. Pure.

/** "0:07", "12:34", "1:02:03" for seconds from the start of a recording. */
export function clockText(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** "3 / 5", or what stood in the way of a score. */
export function scoreText(criterion: CriterionEvaluation): string {
  if (criterion.status === "scored") return `${criterion.score} / 5`;
  return criterion.status === "insufficient_evidence" ? "Insufficient evidence" : "Could not be verified";
}

const UNVERIFIABLE_REASON_TEXT: Record<Extract<CriterionEvaluation, { status: "unverifiable" }>["reason"], string> = {
  quotes_not_found: "the AI quoted words that are not in the transcript",
  missing_quotes: "the AI gave a score without quoting the answer",
  not_answered: "the AI gave no assessment for it",
  malformed_response: "the AI's reply could not be read",
  refusal: "the AI declined to assess it",
};

/** Why an unverifiable criterion has no score; the AI was always asked a second time first. */
export function unverifiableText(criterion: Extract<CriterionEvaluation, { status: "unverifiable" }>): string {
  return `No score: ${UNVERIFIABLE_REASON_TEXT[criterion.reason]}, even when asked again.`;
}

/** "answer 2", "answers 1 and 3", "answers 1, 2 and 4" from 0-based answer indexes. */
export function answersText(answers: readonly number[]): string {
  const numbers = [...new Set(answers)].sort((a, b) => a - b).map((a) => String(a + 1));
  if (numbers.length <= 1) return `answer ${numbers[0] ?? "?"}`;
  return `answers ${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)}`;
}

/** "Teamwork: not enough evidence in answers 1 and 3." */
export function gapText(gap: EvidenceGap): string {
  const what =
    gap.status === "insufficient_evidence" ? "not enough evidence" : "the AI's assessment could not be verified";
  return `${gap.criterion}: ${what} in ${answersText(gap.answers)}.`;
}

type TranscriptionState = AiAnswer["transcription"]["state"];
type EvaluationState = AiReview["evaluation"]["state"];

/** What an answer without a transcript shows instead; no_recording shows nothing (there is nothing to transcribe). */
export const TRANSCRIPTION_STATE_TEXT: Record<Exclude<TranscriptionState, "done" | "no_recording">, string> = {
  off: "Transcription is off. An administrator can turn it on with TRANSCRIBE_BASE_URL.",
  queued: "Transcribing…",
  running: "Transcribing…",
  retrying: "Transcribing…",
  failed: "Transcription failed.",
};

const EVALUATION_STATE_TEXT: Record<EvaluationState, string> = {
  done: "ready",
  queued: "queued",
  running: "running",
  retrying: "retrying after an error",
  failed: "failed",
  off: "off",
  waiting: "waiting for the session to end and its transcripts",
  no_criteria: "nothing to score (no question has criteria)",
};

/** "Transcripts: 2 of 3 ready · Evaluation: running": where the AI jobs of a session stand, in one line. */
export function aiStatusLine(ai: AiReview): string {
  const recorded = ai.answers.filter((a) => a.transcription.state !== "no_recording");
  const ready = recorded.filter((a) => a.transcription.state === "done").length;
  const failed = recorded.filter((a) => a.transcription.state === "failed").length;
  const transcripts =
    recorded.length === 0
      ? "no recordings yet"
      : !ai.transcription_enabled && ready === 0
        ? "off"
        : `${ready} of ${recorded.length} ready${failed ? `, ${failed} failed` : ""}`;
  const latest = ai.evaluations[0];
  const versioned =
    latest && ["done", "running", "failed", "retrying"].includes(ai.evaluation.state)
      ? `version ${latest.version} `
      : "";
  return `Transcripts: ${transcripts} · Evaluation: ${versioned}${EVALUATION_STATE_TEXT[ai.evaluation.state]}`;
}

const grouped = new Intl.NumberFormat("en-US");

/** "1,234 in · 567 out". */
export function tokensText(input: number, output: number): string {
  return `${grouped.format(input)} in · ${grouped.format(output)} out`;
}

/** "850 ms", "12.3 s". */
export function latencyText(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "$0.0123", "$1.20"; unknown when no price is configured. */
export function costText(usd: number | null): string {
  if (usd === null) return "Unknown (no price configured)";
  return `$${usd > 0 && usd < 0.01 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

/** "Earlier versions (2)"; "Other versions (2)" once a newer re-run that has not completed is among them. */
export function otherVersionsTitle(shownVersion: number | null, versions: readonly { version: number }[]): string {
  if (shownVersion === null) return `Versions (${versions.length})`;
  return `${versions.every((v) => v.version < shownVersion) ? "Earlier" : "Other"} versions (${versions.length})`;
}

/** Who asked for a version: the first runs by itself; a re-run's asker may since have been removed. */
export function requestedByText(version: { version: number; requested_by: string | null }): string {
  if (version.requested_by) return version.requested_by;
  return version.version === 1 ? "Automatic, once transcribed" : "A removed account";
}
