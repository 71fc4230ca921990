import { describe, expect, it } from "vitest";
import type { QuestionSnapshot } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { checkScorecard, disagreementsOf, meanScore, sameSubmission, type ScorecardInput } from "./rules";
import { ScorecardForm } from "./schemas";

const criterion = (name: string) => ({
  name,
  good: `Good ${name}`,
  anchors: { "1": "weak", "3": "fair", "5": "strong" },
});
const QUESTIONS: QuestionSnapshot[] = [
  {
    index: 0,
    text: "Lead a project",
    think_time_seconds: null,
    time_limit_seconds: 60,
    criteria: [criterion("Leadership"), criterion("Delivery")],
  },
  { index: 1, text: "Why us?", think_time_seconds: null, time_limit_seconds: 60, criteria: [] },
  { index: 2, text: "A hard bug", think_time_seconds: null, time_limit_seconds: 60, criteria: [criterion("Depth")] },
];
const full: ScorecardInput = {
  scores: [
    { answer: 2, criterion: "Depth", score: 2 },
    { answer: 0, criterion: "Leadership", score: 4, note: "  Clear ownership  " },
    { answer: 0, criterion: "Delivery", score: 5 },
  ],
  recommendation: "yes",
  private_note: "  ",
};

function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError)
      return {
        status: error.status,
        reason: error.reason,
        message: error.message,
        loc: error.extra.issues?.map((i) => i.loc),
      };
    throw error;
  }
  throw new Error("not refused");
}

describe("checkScorecard", () => {
  it("orders a submission by the rubric, trims notes and drops blank ones", () => {
    expect(checkScorecard(QUESTIONS, full, "submit")).toEqual({
      scores: [
        { answer: 0, criterion: "Leadership", score: 4, note: "Clear ownership" },
        { answer: 0, criterion: "Delivery", score: 5 },
        { answer: 2, criterion: "Depth", score: 2 },
      ],
      recommendation: "yes",
      privateNote: null,
    });
  });

  it("lets a draft leave scores and the recommendation open, as nulls for every criterion", () => {
    const draft = checkScorecard(QUESTIONS, { scores: [{ answer: 0, criterion: "Delivery", score: 3 }] }, "draft");
    expect(draft.scores.map((s) => s.score)).toEqual([null, 3, null]);
    expect(draft.recommendation).toBeNull();
  });

  it("refuses a submission with an open criterion, naming it, then one without a recommendation", () => {
    const open = refusal(() => checkScorecard(QUESTIONS, { ...full, scores: full.scores.slice(1) }, "submit"));
    expect(open).toMatchObject({ status: 400, reason: "scorecard_incomplete", loc: [["scores", "score:2:Depth"]] });
    expect(open.message).toContain('question 3 "Depth"');
    expect(refusal(() => checkScorecard(QUESTIONS, { ...full, recommendation: null }, "submit"))).toMatchObject({
      status: 400,
      reason: "recommendation_required",
    });
  });

  it("refuses unknown answers and criteria and a criterion given twice, in drafts too", () => {
    expect(
      refusal(() => checkScorecard(QUESTIONS, { scores: [{ answer: 1, criterion: "Leadership", score: 3 }] }, "draft")),
    ).toMatchObject({
      reason: "unknown_answer",
      message: "Question 2 has no scoring criteria",
    });
    expect(
      refusal(() => checkScorecard(QUESTIONS, { scores: [{ answer: 0, criterion: "leadership", score: 3 }] }, "draft")),
    ).toMatchObject({
      reason: "unknown_criterion",
      message: 'Question 1 has no criterion "leadership"',
    });
    const twice = { scores: [full.scores[1]!, full.scores[1]!] };
    expect(refusal(() => checkScorecard(QUESTIONS, twice, "draft"))).toMatchObject({
      reason: "duplicate_criterion",
      loc: [["scores", 1]],
    });
  });

  it("refuses any scorecard of a session whose questions have no criteria", () => {
    expect(refusal(() => checkScorecard([QUESTIONS[1]!], { scores: [] }, "draft"))).toMatchObject({
      status: 400,
      reason: "no_criteria",
    });
  });
});

describe("meanScore, disagreementsOf, sameSubmission", () => {
  it("averages the scored criteria only", () => {
    expect(meanScore([{ score: 4 }, { score: 5 }, { score: 2 }])).toBeCloseTo(11 / 3);
    expect(meanScore([{ score: null }])).toBeNull();
  });

  it("finds the criteria 2 or more points from the AI's score, ignoring criteria the AI did not score", () => {
    const scores = checkScorecard(QUESTIONS, full, "submit").scores;
    const ai = [
      { answer: 0, criterion: "Leadership", score: 3 }, // 1 apart
      { answer: 0, criterion: "Delivery", score: 3 }, // 2 apart
      { answer: 2, criterion: "Other", score: 5 },
    ];
    expect(disagreementsOf(scores, ai)).toEqual([{ answer: 0, criterion: "Delivery", humanScore: 5, aiScore: 3 }]);
  });

  it("tells a repeated submission from a changed one", () => {
    const a = checkScorecard(QUESTIONS, full, "submit");
    expect(
      sameSubmission(a, checkScorecard(QUESTIONS, { ...full, scores: [...full.scores].reverse() }, "submit")),
    ).toBe(true);
    expect(sameSubmission(a, checkScorecard(QUESTIONS, { ...full, recommendation: "strong_yes" }, "submit"))).toBe(
      false,
    );
  });
});

describe("ScorecardForm", () => {
  it("reads the review page's flat form: radios, notes (criterion names may hold colons), the recommendation", () => {
    const parsed = ScorecardForm.parse({
      sessionId: "0b7b3c3e-8a44-4a7e-9f59-9d4f1c2b7a10",
      "score:0:Leadership": "4",
      "note:0:Leadership": "Owned it",
      "note:2:Depth: root cause": "",
      recommendation: "strong_yes",
      private_note: "",
    });
    expect(parsed).toEqual({
      sessionId: "0b7b3c3e-8a44-4a7e-9f59-9d4f1c2b7a10",
      scores: [
        { answer: 0, criterion: "Leadership", score: 4, note: "Owned it" },
        { answer: 2, criterion: "Depth: root cause", note: "" },
      ],
      recommendation: "strong_yes",
      private_note: null,
    });
    expect(
      ScorecardForm.safeParse({ sessionId: "0b7b3c3e-8a44-4a7e-9f59-9d4f1c2b7a10", "score:0:Leadership": "7" }).success,
    ).toBe(false);
  });
});
