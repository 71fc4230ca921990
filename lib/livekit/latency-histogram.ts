// A fixed log-scale latency histogram that any number of processes can fill with plain counters (one per bucket) and
// that still adds up: percentiles come from the summed bucket counts, accurate to one bucket width (25 %).

const FIRST_BOUND_US = 10; // microseconds: upper bound of bucket 0
const LAST_BOUND_US = 10_000_000; // microseconds (10 s): slower samples go to the overflow bucket
const GROWTH = 1.25; // each bucket's upper bound is 1.25 times the previous one

/** Upper bounds in microseconds: 10 µs, 12.5 µs, ... up to the first bound at or past 10 s. */
export const LATENCY_BOUNDS_US: readonly number[] = (() => {
  const bounds = [FIRST_BOUND_US];
  while (bounds[bounds.length - 1]! < LAST_BOUND_US) bounds.push(bounds[bounds.length - 1]! * GROWTH);
  return bounds;
})();

/** Buckets 0..bounds-1 hold samples up to their bound; the last one holds everything slower. */
export const LATENCY_BUCKET_COUNT = LATENCY_BOUNDS_US.length + 1;

export function latencyBucket(micros: number): number {
  // Linear scan: 64 comparisons at most, and no floating-point log edge cases at the bounds.
  const index = LATENCY_BOUNDS_US.findIndex((bound) => micros <= bound);
  return index === -1 ? LATENCY_BOUNDS_US.length : index;
}

/**
 * The q-quantile (0 < q <= 1) of the counted samples, reported as the upper bound of the bucket it falls in (so it
 * never understates), in milliseconds. Overflow samples report the last bound. Null without samples.
 */
export function latencyQuantileMs(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= rank) return LATENCY_BOUNDS_US[Math.min(i, LATENCY_BOUNDS_US.length - 1)]! / 1000;
  }
  return LATENCY_BOUNDS_US[LATENCY_BOUNDS_US.length - 1]! / 1000;
}
