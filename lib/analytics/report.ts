import { agreementByCriterion, type CriterionAgreement, type PairCount } from "./agreement";
import { type AgeBucketRow, completionByAge } from "./completion";
import { funnel, type FunnelRow, type FunnelStep } from "./funnel";
import { scoreDistribution, type ScoreBucketRow, type ScoreCount } from "./scores";

// The analytics report, as the API returns it and the pages draw it: built from the aggregated rows of queries.ts.

/** Invites of one age (whole days) that got exactly as far as `step`. */
export interface FurthestCount {
  step: FunnelStep;
  age_days: number;
  invites: number;
}

export interface AnalyticsReport {
  scope: "interview" | "company";
  interview: { id: string; title: string } | null;
  funnel: FunnelRow[];
  completed_sessions: number;
  /** Median time from start to completion of the completed sessions, in seconds; null without any. */
  median_completion_seconds: number | null;
  completion_by_age: AgeBucketRow[];
  score_distribution: ScoreBucketRow[];
  /** AI scores counted (sessions) and human scores counted (submitted scorecards). */
  ai_scores: number;
  human_scores: number;
  /** Completed sessions whose scores the viewer may not see yet (blind review), left out of scores and agreement. */
  scores_hidden_sessions: number;
  agreement: CriterionAgreement[];
}

const COMPLETED_OR_LATER: ReadonlySet<FunnelStep> = new Set(["completed", "reviewed", "decided"]);

export function buildReport(input: {
  steps: readonly FurthestCount[];
  sessions: { completed: number; medianSeconds: number | null; hidden: number };
  scores: { ai: readonly ScoreCount[]; human: readonly ScoreCount[] };
  pairs: readonly (PairCount & { criterion: string })[];
}): Omit<AnalyticsReport, "scope" | "interview"> {
  const furthest: Partial<Record<FunnelStep, number>> = {};
  const byAge = new Map<number, { age_days: number; invited: number; completed: number }>();
  for (const { step, age_days, invites } of input.steps) {
    furthest[step] = (furthest[step] ?? 0) + invites;
    const age = byAge.get(age_days) ?? { age_days, invited: 0, completed: 0 };
    age.invited += invites;
    if (COMPLETED_OR_LATER.has(step)) age.completed += invites;
    byAge.set(age_days, age);
  }
  const total = (counts: readonly ScoreCount[]) => counts.reduce((t, c) => t + c.count, 0);
  return {
    funnel: funnel(furthest),
    completed_sessions: input.sessions.completed,
    median_completion_seconds: input.sessions.medianSeconds,
    completion_by_age: completionByAge([...byAge.values()]),
    score_distribution: scoreDistribution(input.scores.ai, input.scores.human),
    ai_scores: total(input.scores.ai),
    human_scores: total(input.scores.human),
    scores_hidden_sessions: input.sessions.hidden,
    agreement: agreementByCriterion(input.pairs),
  };
}
