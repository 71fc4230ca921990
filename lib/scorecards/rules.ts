import type { CriterionSnapshot, QuestionSnapshot, Recommendation, ScorecardScore } from "@/db/schema";
import { AppError, type Reason, type ValidationIssue } from "@/lib/errors";

// The scorecard's rules, pure: what a reviewer may score (the session's rubric snapshot, not the interview's current
// one, so that an edited rubric never invalidates a card), what a submission needs, its mean, and where it disagrees
// with the AI.

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
/** A human and the AI differ "by 2 or more" points on a criterion: kept as a disagreement. */
export const DISAGREEMENT_GAP = 2; // points
export const MAX_NOTE_CHARS = 1000;
export const MAX_PRIVATE_NOTE_CHARS = 4000;

export interface RubricAnswer {
  answer: number;
  question: string;
  criteria: CriterionSnapshot[];
}

/** The answers a scorecard scores: those whose question carried criteria when the attempt started. */
export const rubricOf = (questions: QuestionSnapshot[]): RubricAnswer[] =>
  questions
    .filter((q) => (q.criteria?.length ?? 0) > 0)
    .map((q) => ({ answer: q.index, question: q.text, criteria: q.criteria! }));

/** The form field (and issue location) of one criterion's score: `score:<questionIndex>:<criterion name>`. */
export const scoreField = (questionIndex: number, criterion: string) => `score:${questionIndex}:${criterion}`;
export const noteField = (questionIndex: number, criterion: string) => `note:${questionIndex}:${criterion}`;

export interface ScorecardInput {
  scores: { answer: number; criterion: string; score?: number | null; note?: string | null }[];
  recommendation?: Recommendation | null;
  private_note?: string | null;
}

export interface CheckedScorecard {
  /** Every criterion of the rubric, in its order; null where a draft leaves it open. */
  scores: ScorecardScore[];
  recommendation: Recommendation | null;
  privateNote: string | null;
}

const refuse = (reason: Reason, message: string, issues: ValidationIssue[]) =>
  new AppError("BAD_REQUEST", message, { reason, issues });
const blankToNull = (text: string | null | undefined) => (text && text.trim() ? text.trim() : null);

/**
 * Checks a scorecard against the session's rubric. A draft may leave scores and the recommendation open; a submission
 * scores every criterion 1 to 5 and recommends. Unknown answers or criteria and a criterion given twice are refused
 * whatever the mode (400 with a reason naming what is wrong), so a draft never stores what a submission would drop.
 */
export function checkScorecard(
  questions: QuestionSnapshot[],
  input: ScorecardInput,
  mode: "draft" | "submit",
): CheckedScorecard {
  const rubric = rubricOf(questions);
  if (rubric.length === 0)
    throw refuse("no_criteria", "No question of this interview has scoring criteria, so there is nothing to score", []);
  const given = new Map<string, ScorecardInput["scores"][number]>();
  input.scores.forEach((entry, i) => {
    const answer = rubric.find((a) => a.answer === entry.answer);
    const loc = ["scores", i];
    if (!answer)
      throw refuse("unknown_answer", `Question ${entry.answer + 1} has no scoring criteria`, [
        { loc, msg: "No such answer with criteria", type: "unknown_answer" },
      ]);
    if (!answer.criteria.some((c) => c.name === entry.criterion)) {
      throw refuse("unknown_criterion", `Question ${entry.answer + 1} has no criterion "${entry.criterion}"`, [
        { loc, msg: "No such criterion", type: "unknown_criterion" },
      ]);
    }
    const key = scoreField(entry.answer, entry.criterion);
    if (given.has(key)) {
      throw refuse(
        "duplicate_criterion",
        `Criterion "${entry.criterion}" of question ${entry.answer + 1} is given twice`,
        [{ loc, msg: "Given twice", type: "duplicate_criterion" }],
      );
    }
    given.set(key, entry);
  });

  const scores: ScorecardScore[] = rubric.flatMap(({ answer, criteria }) =>
    criteria.map((c) => {
      const entry = given.get(scoreField(answer, c.name));
      const note = blankToNull(entry?.note);
      return { answer, criterion: c.name, score: entry?.score ?? null, ...(note ? { note } : {}) };
    }),
  );
  const recommendation = input.recommendation ?? null;
  if (mode === "submit") {
    const open = scores.filter((s) => s.score === null);
    if (open.length > 0) {
      const names = open.map((s) => `question ${s.answer + 1} "${s.criterion}"`).join(", ");
      throw refuse(
        "scorecard_incomplete",
        `Score every criterion from 1 to 5 before submitting; still open: ${names}`,
        open.map((s) => ({
          loc: ["scores", scoreField(s.answer, s.criterion)],
          msg: "Choose a score from 1 to 5",
          type: "missing",
        })),
      );
    }
    if (!recommendation) {
      throw refuse("recommendation_required", "Choose an overall recommendation before submitting", [
        { loc: ["recommendation"], msg: "Choose a recommendation", type: "missing" },
      ]);
    }
  }
  return { scores, recommendation, privateNote: blankToNull(input.private_note) };
}

/** The mean of the scored criteria; null when none is scored. */
export function meanScore(scores: readonly { score: number | null }[]): number | null {
  const given = scores.flatMap((s) => (s.score === null ? [] : [s.score]));
  return given.length ? given.reduce((t, v) => t + v, 0) / given.length : null;
}

export interface AiCriterionScore {
  answer: number;
  criterion: string;
  score: number;
}

export interface Disagreement {
  answer: number;
  criterion: string;
  humanScore: number;
  aiScore: number;
}

/** The criteria where the reviewer and the AI (scored criteria only) differ by DISAGREEMENT_GAP or more. */
export function disagreementsOf(scores: readonly ScorecardScore[], ai: readonly AiCriterionScore[]): Disagreement[] {
  const aiScore = new Map(ai.map((a) => [scoreField(a.answer, a.criterion), a.score]));
  return scores.flatMap((s) => {
    const theirs = aiScore.get(scoreField(s.answer, s.criterion));
    if (s.score === null || theirs === undefined || Math.abs(s.score - theirs) < DISAGREEMENT_GAP) return [];
    return [{ answer: s.answer, criterion: s.criterion, humanScore: s.score, aiScore: theirs }];
  });
}

/** Whether a submission says exactly what the latest submitted version says (a repeated click records nothing new). */
export function sameSubmission(a: CheckedScorecard, b: CheckedScorecard): boolean {
  const canonical = (c: CheckedScorecard) =>
    JSON.stringify([
      c.scores.map((s) => [s.answer, s.criterion, s.score, s.note ?? null]),
      c.recommendation,
      c.privateNote,
    ]);
  return canonical(a) === canonical(b);
}
