// Latency of one request (or call) at a time, as a reviewer paging the board feels it: warm-up calls first (JIT,
// plan caches, connection pools), then ITERATIONS timed calls, p50 and p95 by nearest rank.

export interface Timing {
  label: string;
  calls: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** p95 divided by the trivial authenticated read's p95 measured the same way in the same run. */
  ratio?: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

export async function timeCalls(
  label: string,
  action: () => Promise<unknown>,
  opts: { iterations: number; warmUp: number },
): Promise<Timing> {
  for (let i = 0; i < opts.warmUp; i++) await action();
  const times: number[] = [];
  for (let i = 0; i < opts.iterations; i++) {
    const started = performance.now();
    await action();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    label,
    calls: times.length,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: times[times.length - 1]!,
  };
}

/** Fills in each timing's ratio to the baseline's p95. */
export const withRatios = (timings: Timing[], baseline: Timing): Timing[] =>
  timings.map((t) => ({ ...t, ratio: baseline.p95Ms > 0 ? t.p95Ms / baseline.p95Ms : undefined }));
