import { describe, expect, it } from "vitest";
import {
  COMPARE_SAMPLE_MAX_AGE_MS,
  COMPARE_SAMPLES_KEPT,
  COMPARE_SAMPLES_NEEDED,
  CompareTimings,
} from "./compare-timings";

const T0 = Date.UTC(2026, 0, 1);

describe("compare timings", () => {
  it("is stale until enough comparisons were measured, and has nothing to draw before the first", () => {
    const timings = new CompareTimings();
    expect(timings.sample(T0)).toBeNull();
    for (let i = 1; i < COMPARE_SAMPLES_NEEDED; i++) {
      timings.record(100, T0);
      expect(timings.isStale(T0)).toBe(true);
    }
    timings.record(100, T0);
    expect(timings.isStale(T0)).toBe(false);
    expect(timings.sample(T0)).toBe(100);
  });

  it("draws uniformly from the fresh durations only, once there are enough", () => {
    const timings = new CompareTimings();
    for (let i = 0; i < COMPARE_SAMPLES_KEPT / 2; i++) timings.record(9_000, T0); // measured under a load now gone
    const now = T0 + COMPARE_SAMPLE_MAX_AGE_MS + 1;
    for (let i = 0; i < COMPARE_SAMPLES_NEEDED; i++) timings.record(i, now);
    const drawn = Array.from({ length: COMPARE_SAMPLES_NEEDED }, (_, i) =>
      timings.sample(now, () => i / COMPARE_SAMPLES_NEEDED),
    );
    expect(drawn).toEqual(Array.from({ length: COMPARE_SAMPLES_NEEDED }, (_, i) => i));
    expect(timings.sample(now, () => 0.999999)).toBeLessThan(9_000);
  });

  it("goes stale as its samples age, and then draws from all it kept until fresh ones come", () => {
    const timings = new CompareTimings();
    for (let i = 0; i < COMPARE_SAMPLES_NEEDED; i++) timings.record(250, T0);
    const later = T0 + COMPARE_SAMPLE_MAX_AGE_MS + 1;
    expect(timings.isStale(later)).toBe(true);
    expect(timings.sample(later)).toBe(250);
  });

  it("keeps only the most recent ones, and ignores durations that are not durations", () => {
    const timings = new CompareTimings();
    for (let i = 0; i < 2 * COMPARE_SAMPLES_KEPT; i++) timings.record(i, T0);
    expect(timings.size).toBe(COMPARE_SAMPLES_KEPT);
    expect(timings.sample(T0, () => 0)).toBeGreaterThanOrEqual(COMPARE_SAMPLES_KEPT);
    for (const bad of [Number.NaN, -1, Number.POSITIVE_INFINITY]) new CompareTimings().record(bad, T0);
    const empty = new CompareTimings();
    empty.record(Number.NaN, T0);
    expect(empty.size).toBe(0);
  });
});
