import { describe, expect, it } from "vitest";
import { durationMsText, sizeText } from "./review-labels";

describe("review labels", () => {
  it("formats sizes and durations as people read them", () => {
    expect([sizeText(912), sizeText(1536), sizeText(5 * 1024 * 1024), sizeText(null)]).toEqual([
      "912 B",
      "1.5 KB",
      "5.0 MB",
      "—",
    ]);
    expect([durationMsText(4_200), durationMsText(125_400), durationMsText(null)]).toEqual(["4 s", "2 min 5 s", "—"]);
  });
});
