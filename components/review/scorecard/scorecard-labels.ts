import type { Recommendation } from "@/lib/scorecards/kinds";
import type { DisagreementJson, ScorecardsJson, SubmittedScorecardJson } from "@/lib/scorecards/queries";

// Words and numbers of the scorecards, as reviewers read them. Pure.

export type { DisagreementJson, ScorecardsJson, SubmittedScorecardJson };
export type RubricAnswer = ScorecardsJson["rubric"][number];

export const RECOMMENDATION_TEXT: Record<Recommendation, string> = {
  strong_no: "Strong no",
  no: "No",
  yes: "Yes",
  strong_yes: "Strong yes",
};

/** Offered in this order, from the most negative. */
export const RECOMMENDATION_ORDER: Recommendation[] = ["strong_no", "no", "yes", "strong_yes"];

/** "3.67 / 5", or a dash when nothing is scored. */
export const meanText = (mean: number | null) => (mean === null ? "—" : `${Number(mean.toFixed(2))} / 5`);

/** What the anchors say of a score: 1, 3 and 5 have anchors; 2 and 4 sit between them. */
export function anchorText(anchors: { "1": string; "3": string; "5": string }, score: number): string {
  if (score === 1 || score === 3 || score === 5) return anchors[String(score) as "1" | "3" | "5"];
  return `Between ${score - 1} and ${score + 1}`;
}

/** "You gave 2, the AI 5" / "Ada Admin gave 2, the AI 5". */
export const disagreementText = (d: Pick<DisagreementJson, "human_score" | "ai_score">, who: string) =>
  `${who} gave ${d.human_score}, the AI ${d.ai_score}`;

/** The disagreements of one reviewer's latest version, by "answer:criterion", to mark on their card. */
export function disagreementsOfCard(
  all: DisagreementJson[],
  reviewerId: string,
  version: number,
): Map<string, DisagreementJson> {
  return new Map(
    all
      .filter((d) => d.reviewer.id === reviewerId && d.scorecard_version === version)
      .map((d) => [`${d.answer}:${d.criterion}`, d]),
  );
}

/** "1 other reviewer has submitted", "2 other reviewers have submitted", "No other reviewer has submitted yet". */
export function othersCountText(count: number): string {
  if (count === 0) return "No other reviewer has submitted a scorecard yet.";
  return count === 1
    ? "1 other reviewer has submitted a scorecard."
    : `${count} other reviewers have submitted a scorecard.`;
}

export const SCORES_HIDDEN_TEXT = "Submit your scorecard to see the AI's scores and other reviewers'.";
