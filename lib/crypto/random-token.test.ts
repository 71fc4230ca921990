import { describe, expect, it } from "vitest";
import { randomToken } from "./random-token";

describe("randomToken", () => {
  it("answers 43-character base64url values for 32 bytes, never the same twice, across many pool refills", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const token = randomToken();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      seen.add(token);
    }
    expect(seen.size).toBe(20_000);
  });

  it("spreads its bits evenly (each of the 256 bit positions set in roughly half of 4,000 tokens)", () => {
    const counts = new Array<number>(256).fill(0);
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const bytes = Buffer.from(randomToken(), "base64url");
      for (let bit = 0; bit < 256; bit++) if (bytes[bit >> 3]! & (1 << (bit & 7))) counts[bit]! += 1;
    }
    // 4000 fair coin flips: sd ~32; 6 sd either side of 2000 is a bound no honest generator misses.
    for (const c of counts) expect(Math.abs(c - n / 2)).toBeLessThan(190);
  });

  it("gives other sizes, and refuses a size outside 1-4096", () => {
    expect(Buffer.from(randomToken(16), "base64url")).toHaveLength(16);
    expect(Buffer.from(randomToken(4096), "base64url")).toHaveLength(4096);
    expect(() => randomToken(0)).toThrow(RangeError);
    expect(() => randomToken(4097)).toThrow(RangeError);
    expect(() => randomToken(1.5)).toThrow(RangeError);
  });
});
