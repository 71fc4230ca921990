import { describe, expect, it } from "vitest";
import { anchorText, disagreementsOfCard, disagreementText, meanText, othersCountText } from "./scorecard-labels";

const d = (reviewer: string, version: number, answer: number, criterion: string) => ({
  reviewer: { id: reviewer, name: reviewer },
  scorecard_version: version,
  evaluation_version: 1,
  answer,
  criterion,
  human_score: 2,
  ai_score: 5,
  created_at: "2026-11-02T10:00:00.000Z",
});

describe("scorecard labels", () => {
  it("writes means, anchors and disagreements as reviewers read them", () => {
    expect(meanText(11 / 3)).toBe("3.67 / 5");
    expect(meanText(4)).toBe("4 / 5");
    expect(meanText(null)).toBe("—");
    const anchors = { "1": "weak", "3": "fair", "5": "strong" };
    expect([1, 2, 3, 4, 5].map((s) => anchorText(anchors, s))).toEqual([
      "weak",
      "Between 1 and 3",
      "fair",
      "Between 3 and 5",
      "strong",
    ]);
    expect(disagreementText(d("a", 1, 0, "X"), "You")).toBe("You gave 2, the AI 5");
    expect([0, 1, 3].map(othersCountText)).toEqual([
      "No other reviewer has submitted a scorecard yet.",
      "1 other reviewer has submitted a scorecard.",
      "3 other reviewers have submitted a scorecard.",
    ]);
  });

  it("marks on a card only its reviewer's disagreements of that version", () => {
    const all = [d("a", 1, 0, "X"), d("a", 2, 0, "Y"), d("b", 2, 1, "X")];
    expect([...disagreementsOfCard(all, "a", 2).keys()]).toEqual(["0:Y"]);
  });
});
