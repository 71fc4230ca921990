import { describe, expect, it } from "vitest";
import { durationText, kappaText, percent, plural } from "./analytics-format";

describe("analytics wording", () => {
  it("durations read in the largest units that matter", () => {
    expect([null, 0.4, 45, 600, 750, 3600, 3900].map(durationText)).toEqual([
      "—",
      "< 1 s",
      "45 s",
      "10 min",
      "12 min 30 s",
      "1 h",
      "1 h 5 min",
    ]);
  });

  it("shares as whole percentages, kappa to two decimals, and a dash or a reason when there is none", () => {
    expect([null, 0, 0.5, 2 / 3, 1].map(percent)).toEqual(["—", "0%", "50%", "67%", "100%"]);
    expect([null, 2 / 3, -1 / 3].map(kappaText)).toEqual(["Not enough data", "0.67", "-0.33"]);
    expect([plural(1, "session"), plural(2, "session")]).toEqual(["1 session", "2 sessions"]);
  });
});
