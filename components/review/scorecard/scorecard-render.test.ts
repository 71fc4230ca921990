import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { ScorecardsJson } from "@/lib/scorecards/queries";
import { ScorecardSection } from "./scorecard-section";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));

// What the review page shows of scorecards, blind and not: the reviewer's form or card, the others' cards only once
// visible, and each disagreement with the AI said in words.

const ME = "11111111-1111-4111-8111-111111111111";
const ADA = { id: "22222222-2222-4222-8222-222222222222", name: "Ada Admin" };
const anchors = { "1": "Off topic", "3": "Partly on topic", "5": "Fully on topic" };
const base: ScorecardsJson = {
  session_id: "33333333-3333-4333-8333-333333333333",
  blind_review: true,
  scores_visible: false,
  rubric: [
    {
      answer: 0,
      question: "Tell us about a project.",
      criteria: [{ name: "Relevance", good: "Stays on the question", anchors }],
    },
  ],
  mine: null,
  others: { hidden: true, count: 1 },
  disagreements: { hidden: true },
};
const action = async () => ({ ok: true, message: "Done." });
const html = (view: ScorecardsJson) =>
  renderToStaticMarkup(
    createElement(ScorecardSection, {
      sessionId: view.session_id,
      viewerId: ME,
      completed: true,
      view,
      actions: { saveDraft: action, submit: action },
    }),
  );

describe("the scorecards section", () => {
  it("before submitting: the form with anchors as hints, and only a count of the others with why", () => {
    const out = html(base);
    expect(out).toContain('<legend>Relevance<span class="visually-hidden"> (question 1)</span></legend>');
    expect(out).toContain("Partly on topic");
    expect(out).toContain("Between 1 and 3");
    expect(out).toContain("Save draft");
    expect(out).toContain("Submit scorecard");
    expect(out).toContain("1 other reviewer has submitted a scorecard.");
    expect(out).toContain("Submit your scorecard to see the AI&#x27;s scores and other reviewers&#x27;.");
    expect(out).not.toContain("Ada Admin");
  });

  it("after submitting: the read-only card with Edit, the others' cards, and the disagreements in words", () => {
    const mine = {
      id: "m",
      status: "submitted" as const,
      version: 1,
      scores: [{ answer: 0, criterion: "Relevance", score: 2 }],
      recommendation: "no" as const,
      private_note: "Mine alone",
      overall_score: 2,
      submitted_at: "2026-11-02T10:00:00.000Z",
      updated_at: "2026-11-02T10:00:00.000Z",
    };
    const d = (reviewer: typeof ADA, human: number) => ({
      reviewer,
      scorecard_version: 1,
      evaluation_version: 1,
      answer: 0,
      criterion: "Relevance",
      human_score: human,
      ai_score: 5,
      created_at: "2026-11-02T10:00:00.000Z",
    });
    const out = html({
      ...base,
      scores_visible: true,
      mine,
      others: {
        hidden: false,
        count: 1,
        items: [
          {
            id: "o",
            reviewer: ADA,
            version: 1,
            scores: [{ answer: 0, criterion: "Relevance", score: 3 }],
            recommendation: "strong_yes",
            overall_score: 3,
            submitted_at: "2026-11-02T11:00:00.000Z",
          },
        ],
      },
      disagreements: { hidden: false, items: [d({ id: ME, name: "Me" }, 2)] },
    });
    expect(out).toContain("Edit (creates version 2)");
    expect(out).not.toContain("Save draft");
    expect(out).toContain("You gave 2, the AI 5");
    expect(out).toContain("Mine alone");
    expect(out).toContain("Ada Admin&#x27;s scorecard");
    expect(out).toContain("Strong yes");
    expect(out).toContain("Disagreements with the AI");
    expect(out).not.toContain("Submit your scorecard to see");
  });

  it("says why there is nothing to score before completion or without criteria", () => {
    expect(
      renderToStaticMarkup(
        createElement(ScorecardSection, { sessionId: "s", viewerId: ME, completed: false, view: base }),
      ),
    ).toContain("Scoring opens once the candidate has completed the interview.");
    expect(html({ ...base, rubric: [] })).toContain("No question of this interview has scoring criteria");
  });
});
