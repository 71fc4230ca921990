// Score distributions on the 1-5 scale: the AI's overall score per session and the human overall score per
// submitted scorecard, each rounded to the nearest whole point (halves round up).

export const SCORE_POINTS = [1, 2, 3, 4, 5] as const;

export interface ScoreCount {
  score: number;
  count: number;
}

export interface ScoreBucketRow {
  score: number;
  ai: number;
  human: number;
}

/** Rounds to the nearest point, clamped to 1-5 (a mean of 1-5 scores never leaves it, but bad data must not add a bar). */
export const scorePoint = (score: number) => Math.min(5, Math.max(1, Math.floor(score + 0.5)));

function histogram(values: readonly ScoreCount[]): Map<number, number> {
  const counts = new Map<number, number>(SCORE_POINTS.map((p) => [p, 0]));
  for (const { score, count } of values) {
    if (!Number.isFinite(score)) continue;
    const point = scorePoint(score);
    counts.set(point, counts.get(point)! + count);
  }
  return counts;
}

/** Both distributions side by side, one row per point of the scale. */
export function scoreDistribution(ai: readonly ScoreCount[], human: readonly ScoreCount[]): ScoreBucketRow[] {
  const a = histogram(ai);
  const h = histogram(human);
  return SCORE_POINTS.map((score) => ({ score, ai: a.get(score)!, human: h.get(score)! }));
}
