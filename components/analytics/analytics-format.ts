import type { FunnelStep } from "@/lib/analytics/funnel";

// How the analytics pages word their figures: shared by the tables and the charts' spoken summaries.

export const FUNNEL_LABELS: Record<FunnelStep, string> = {
  invited: "Invited",
  opened: "Opened",
  started: "Started",
  completed: "Completed",
  reviewed: "Reviewed",
  decided: "Decided",
};

/** A share (0-1) as a whole percentage; "—" when there is nothing to divide. */
export const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

/** Seconds as "1 h 5 min", "12 min 30 s", "45 s" or "< 1 s". */
export function durationText(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 1) return "< 1 s";
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/** Kappa to two decimals, or why there is none. */
export const kappaText = (kappa: number | null) => (kappa === null ? "Not enough data" : kappa.toFixed(2));

/** "3 candidates", "1 candidate". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
