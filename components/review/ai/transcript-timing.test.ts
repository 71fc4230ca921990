import { describe, expect, it } from "vitest";
import { segmentIndexAt } from "./transcript-timing";

const segments = [
  { start: 0.5, end: 3 },
  { start: 3, end: 6.2 },
  { start: 8, end: 11 },
];

describe("segmentIndexAt", () => {
  it("finds the line being spoken, boundaries belonging to the line that starts there", () => {
    expect([1, 2.99, 3, 6].map((t) => segmentIndexAt(segments, t))).toEqual([0, 0, 1, 1]);
    expect(segmentIndexAt(segments, 9.5)).toBe(2);
  });

  it("keeps the line just finished through a pause and after the end", () => {
    expect(segmentIndexAt(segments, 7)).toBe(1);
    expect(segmentIndexAt(segments, 60)).toBe(2);
  });

  it("highlights nothing before the first line or without lines", () => {
    expect(segmentIndexAt(segments, 0)).toBe(-1);
    expect(segmentIndexAt([], 4)).toBe(-1);
  });

  it("agrees with a linear scan over a long transcript", () => {
    const long = Array.from({ length: 500 }, (_, i) => ({ start: i * 2.5, end: i * 2.5 + 2 }));
    for (const t of [0, 1.2, 2.4, 2.5, 617.3, 1247.5, 5000]) {
      const linear = long.reduce((found, s, i) => (s.start <= t ? i : found), -1);
      expect(segmentIndexAt(long, t)).toBe(linear);
    }
  });
});
