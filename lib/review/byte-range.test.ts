import { describe, expect, it } from "vitest";
import { etagMatches, parseRange } from "./byte-range";

describe("parseRange", () => {
  const size = 100;
  it.each([
    ["bytes=0-9", { kind: "partial", start: 0, end: 9 }],
    ["bytes=10-", { kind: "partial", start: 10, end: 99 }],
    ["bytes=-10", { kind: "partial", start: 90, end: 99 }],
    ["bytes=-500", { kind: "partial", start: 0, end: 99 }],
    ["bytes=90-500", { kind: "partial", start: 90, end: 99 }],
    ["BYTES = 5-5", { kind: "partial", start: 5, end: 5 }],
    ["bytes=100-", { kind: "unsatisfiable" }],
    ["bytes=100-200", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
  ])("%s", (header, outcome) => {
    expect(parseRange(header, size)).toEqual(outcome);
  });

  it.each([null, "", "items=0-9", "bytes=", "bytes=-", "bytes=a-b", "bytes=9-2", "bytes=0-1,5-9", "bytes=1.5-2"])(
    "ignores %s (whole file)",
    (header) => {
      expect(parseRange(header, size)).toEqual({ kind: "full" });
    },
  );

  it("nothing of an empty object can be served", () => {
    expect(parseRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-5", 0)).toEqual({ kind: "unsatisfiable" });
  });
});

describe("etagMatches", () => {
  it("compares weakly and accepts lists and *", () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc", "x"', '"abc"')).toBe(true);
    expect(etagMatches("*", '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(null, '"abc"')).toBe(false);
  });
});
