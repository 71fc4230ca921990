import { describe, expect, it } from "vitest";
import { LATENCY_BOUNDS_US, LATENCY_BUCKET_COUNT, latencyBucket, latencyQuantileMs } from "./latency-histogram";

describe("latency histogram", () => {
  it("has 1.25x buckets from 10 µs to past 10 s, plus one for slower samples", () => {
    expect(LATENCY_BOUNDS_US[0]).toBe(10);
    expect(LATENCY_BOUNDS_US.at(-2)!).toBeLessThan(10_000_000);
    expect(LATENCY_BOUNDS_US.at(-1)!).toBeGreaterThanOrEqual(10_000_000);
    for (let i = 1; i < LATENCY_BOUNDS_US.length; i++)
      expect(LATENCY_BOUNDS_US[i]! / LATENCY_BOUNDS_US[i - 1]!).toBeCloseTo(1.25);
    expect(LATENCY_BUCKET_COUNT).toBe(LATENCY_BOUNDS_US.length + 1);
  });

  it("puts a sample in the first bucket whose upper bound holds it", () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(10)).toBe(0);
    expect(latencyBucket(10.01)).toBe(1);
    expect(latencyBucket(12.5)).toBe(1);
    expect(latencyBucket(1e9)).toBe(LATENCY_BUCKET_COUNT - 1);
    for (const micros of [37, 999, 12_345, 2_000_000]) {
      const bucket = latencyBucket(micros);
      expect(micros).toBeLessThanOrEqual(LATENCY_BOUNDS_US[bucket]!);
      expect(micros).toBeGreaterThan(LATENCY_BOUNDS_US[bucket - 1]!);
    }
  });

  it("estimates quantiles as the upper bound of their bucket, within 25 % above the true value", () => {
    const counts = new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
    const samples = [...Array.from({ length: 98 }, (_, i) => 1_000 + i), 50_000, 50_000]; // µs
    for (const micros of samples) counts[latencyBucket(micros)]! += 1;
    const p50 = latencyQuantileMs(counts, 0.5)!;
    const p99 = latencyQuantileMs(counts, 0.99)!;
    expect(p50).toBeGreaterThanOrEqual(1.049);
    expect(p50).toBeLessThanOrEqual(1.049 * 1.25);
    expect(p99).toBeGreaterThanOrEqual(50);
    expect(p99).toBeLessThanOrEqual(50 * 1.25);
  });

  it("is null without samples, and reports overflow samples at the last bound", () => {
    expect(latencyQuantileMs(new Array(LATENCY_BUCKET_COUNT).fill(0), 0.5)).toBeNull();
    const overflow = new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
    overflow[LATENCY_BUCKET_COUNT - 1] = 1;
    expect(latencyQuantileMs(overflow, 0.99)).toBe(LATENCY_BOUNDS_US.at(-1)! / 1000);
  });
});
