// The invite funnel: invited → opened → started → completed → reviewed → decided, counted per invite (a candidate).
// An invite counts at every step up to the furthest it reached, the way hiring funnels count a candidate who skipped a
// step (decided without a scorecard; started through the API without the landing page): so the counts never rise
// along the funnel and each drop-off is the invites that stopped at the step before.

export const FUNNEL_STEPS = ["invited", "opened", "started", "completed", "reviewed", "decided"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface FunnelRow {
  step: FunnelStep;
  /** Invites that reached this step (or a later one). */
  count: number;
  /** Invites that reached the previous step but not this one; 0 for "invited". */
  drop_off: number;
  /** This step's count as a share (0-1) of the previous step's; null for "invited" and after an empty step. */
  conversion: number | null;
}

/** `furthest[step]`: how many invites got exactly as far as `step` and no further. */
export function funnel(furthest: Partial<Record<FunnelStep, number>>): FunnelRow[] {
  const reached = FUNNEL_STEPS.map((_, i) =>
    FUNNEL_STEPS.slice(i).reduce((total, step) => total + (furthest[step] ?? 0), 0),
  );
  return FUNNEL_STEPS.map((step, i) => {
    const previous = i === 0 ? null : reached[i - 1]!;
    const count = reached[i]!;
    return {
      step,
      count,
      drop_off: previous === null ? 0 : previous - count,
      conversion: previous !== null && previous > 0 ? count / previous : null,
    };
  });
}
