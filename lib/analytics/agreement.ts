// Agreement between the AI and the reviewers, per criterion: each pair is a submitted scorecard's score for one
// (answer, criterion) against the AI's score of the same answer and criterion (its latest completed evaluation).
// Two figures: the share of pairs within 1 point, and Cohen's kappa with quadratic weights, which discounts the
// agreement two raters would reach by chance given how often each uses each score, and counts a 2-point miss
// four times as bad as a 1-point one.

/** How many pairs had this (human, AI) score. */
export interface PairCount {
  human: number;
  ai: number;
  count: number;
}

export interface CriterionAgreement {
  criterion: string;
  pairs: number;
  /** Share (0-1) of pairs whose scores differ by at most 1; null without pairs. */
  within_one: number | null;
  /** Quadratic-weighted kappa (1 perfect, 0 chance, below 0 worse than chance); null when it is undefined. */
  kappa: number | null;
}

/**
 * κ = 1 − Σ w·observed / Σ w·expected, with w = (i − j)² and expected = rowTotal_i · columnTotal_j / n. The usual
 * normalisation of w by (k − 1)² cancels out, so the scale's range does not matter. Null ("not enough data") without
 * pairs, or when either side gave one score throughout (a single pair, say): with one and the same score on both
 * sides it is 0/0, and otherwise the formula says 0 whatever the other side did, which is no measure of agreement.
 */
export function quadraticKappa(cells: readonly PairCount[]): number | null {
  const n = cells.reduce((t, c) => t + c.count, 0);
  if (n === 0) return null;
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  let observed = 0;
  for (const c of cells) {
    rows.set(c.human, (rows.get(c.human) ?? 0) + c.count);
    cols.set(c.ai, (cols.get(c.ai) ?? 0) + c.count);
    observed += c.count * (c.human - c.ai) ** 2;
  }
  if (rows.size < 2 || cols.size < 2) return null;
  let expected = 0;
  for (const [i, r] of rows) for (const [j, k] of cols) expected += ((r * k) / n) * (i - j) ** 2;
  return 1 - observed / expected;
}

export function withinOne(cells: readonly PairCount[]): number | null {
  const n = cells.reduce((t, c) => t + c.count, 0);
  if (n === 0) return null;
  return cells.reduce((t, c) => t + (Math.abs(c.human - c.ai) <= 1 ? c.count : 0), 0) / n;
}

/** Per criterion (by name), in name order. */
export function agreementByCriterion(rows: readonly (PairCount & { criterion: string })[]): CriterionAgreement[] {
  const byCriterion = new Map<string, PairCount[]>();
  for (const row of rows) {
    const cells = byCriterion.get(row.criterion) ?? [];
    cells.push(row);
    byCriterion.set(row.criterion, cells);
  }
  return [...byCriterion.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([criterion, cells]) => ({
      criterion,
      pairs: cells.reduce((t, c) => t + c.count, 0),
      within_one: withinOne(cells),
      kappa: quadraticKappa(cells),
    }));
}
