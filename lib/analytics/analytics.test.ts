import { describe, expect, it } from "vitest";
import { agreementByCriterion, type PairCount, quadraticKappa, withinOne } from "./agreement";
import { completionByAge } from "./completion";
import { funnel } from "./funnel";
import { scoreDistribution, scorePoint } from "./scores";

/** Pair counts from two parallel lists of ratings. */
function cellsOf(human: number[], ai: number[]): PairCount[] {
  const counts = new Map<string, PairCount>();
  human.forEach((h, i) => {
    const key = `${h}:${ai[i]}`;
    const cell = counts.get(key) ?? { human: h, ai: ai[i]!, count: 0 };
    cell.count += 1;
    counts.set(key, cell);
  });
  return [...counts.values()];
}

describe("funnel", () => {
  it("counts each invite at every step up to the furthest it reached, with the drop-off between steps", () => {
    const rows = funnel({ invited: 4, opened: 2, started: 1, completed: 2, reviewed: 0, decided: 1 });
    expect(rows.map((r) => [r.step, r.count, r.drop_off])).toEqual([
      ["invited", 10, 0],
      ["opened", 6, 4],
      ["started", 4, 2],
      ["completed", 3, 1],
      ["reviewed", 1, 2],
      ["decided", 1, 0],
    ]);
    expect(rows[0]!.conversion).toBeNull();
    expect(rows[1]!.conversion).toBeCloseTo(0.6);
    expect(rows[5]!.conversion).toBe(1);
  });

  it("an empty funnel is all zeros with no conversion rates", () => {
    const rows = funnel({});
    expect(rows.every((r) => r.count === 0 && r.drop_off === 0 && r.conversion === null)).toBe(true);
  });
});

describe("completion by invite age", () => {
  it("buckets by whole days (<1, 1-3, 3-7, 7-14, 14+) and gives each bucket's completion rate", () => {
    const rows = completionByAge([
      { age_days: 0, invited: 4, completed: 1 },
      { age_days: 1, invited: 1, completed: 1 },
      { age_days: 2, invited: 3, completed: 0 },
      { age_days: 7, invited: 2, completed: 2 },
      { age_days: 13, invited: 2, completed: 0 },
      { age_days: 400, invited: 5, completed: 5 },
    ]);
    expect(rows.map((r) => [r.bucket, r.invited, r.completed, r.rate])).toEqual([
      ["lt1", 4, 1, 0.25],
      ["1to3", 4, 1, 0.25],
      ["3to7", 0, 0, null],
      ["7to14", 4, 2, 0.5],
      ["gte14", 5, 5, 1],
    ]);
  });
});

describe("score distributions", () => {
  it("rounds to the nearest point (halves up), clamps to 1-5 and puts AI and human side by side", () => {
    expect([1.49, 1.5, 2.5, 4.51, 0, 7].map(scorePoint)).toEqual([1, 2, 3, 5, 1, 5]);
    const rows = scoreDistribution(
      [
        { score: 3.4, count: 2 },
        { score: 3.5, count: 1 },
      ],
      [{ score: 5, count: 3 }],
    );
    expect(rows).toEqual([
      { score: 1, ai: 0, human: 0 },
      { score: 2, ai: 0, human: 0 },
      { score: 3, ai: 2, human: 0 },
      { score: 4, ai: 1, human: 0 },
      { score: 5, ai: 0, human: 3 },
    ]);
  });
});

describe("agreement", () => {
  it("quadratic-weighted kappa matches published worked examples", () => {
    // Maple's EssayTools[QuadraticWeightedKappa] documentation, examples 1 and 2 (a 1-10 scale: the range cancels out).
    expect(quadraticKappa(cellsOf([9, 7, 8, 7, 6, 8, 3, 5, 10], [8, 8, 6, 6, 7, 6, 1, 4, 8]))).toBeCloseTo(
      0.758620689655172,
      12,
    );
    expect(quadraticKappa(cellsOf([9, 7, 8, 7, 6, 8, 3, 5, 10], [3, 5, 6, 6, 7, 6, 1, 4, 8]))).toBeCloseTo(
      0.438095238095238,
      12,
    );
    // Wikipedia's Cohen's kappa example (yes/yes 20, yes/no 5, no/yes 10, no/no 15: κ = 0.4); with two categories the
    // quadratic weights are the unweighted ones.
    const wikipedia = [
      { human: 2, ai: 2, count: 20 },
      { human: 2, ai: 1, count: 5 },
      { human: 1, ai: 2, count: 10 },
      { human: 1, ai: 1, count: 15 },
    ];
    expect(quadraticKappa(wikipedia)).toBeCloseTo(0.4, 12);
  });

  it("perfect agreement is 1, systematic reversal is below 0, and the degenerate cases have no kappa", () => {
    expect(quadraticKappa(cellsOf([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]))).toBeCloseTo(1, 12);
    expect(quadraticKappa(cellsOf([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]))).toBeLessThan(0);
    expect(quadraticKappa([])).toBeNull();
    // Everyone gave 3: chance predicts no disagreement, so kappa is 0/0.
    expect(quadraticKappa([{ human: 3, ai: 3, count: 7 }])).toBeNull();
    // One side gave one score throughout (a single pair is the smallest case): no measure of agreement.
    expect(quadraticKappa([{ human: 4, ai: 2, count: 1 }])).toBeNull();
    expect(quadraticKappa(cellsOf([1, 2, 5], [3, 3, 3]))).toBeNull();
    expect(withinOne([])).toBeNull();
  });

  it("per criterion: pairs, share within one point and kappa, in name order", () => {
    const rows = agreementByCriterion([
      { criterion: "Problem solving", human: 4, ai: 4, count: 1 },
      { criterion: "Problem solving", human: 2, ai: 5, count: 1 },
      { criterion: "Communication", human: 3, ai: 3, count: 2 },
      { criterion: "Communication", human: 5, ai: 4, count: 2 },
    ]);
    expect(rows.map((r) => r.criterion)).toEqual(["Communication", "Problem solving"]);
    expect(rows[0]).toMatchObject({ pairs: 4, within_one: 1 });
    expect(rows[0]!.kappa).toBeCloseTo(quadraticKappa(cellsOf([3, 3, 5, 5], [3, 3, 4, 4]))!, 12);
    expect(rows[1]).toMatchObject({ pairs: 2, within_one: 0.5 });
  });
});
