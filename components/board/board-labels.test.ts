import { describe, expect, it } from "vitest";
import { ariaSort, boardQuery, meanText, sinceText, sortHref, type BoardView } from "./board-labels";

const BASE = "/dashboard/interviews/i1/board";
const view = (over: Partial<BoardView> = {}): BoardView => ({
  sort: "ai_score",
  order: "desc",
  review: "all",
  ...over,
});

describe("board labels", () => {
  it.each([
    [0, "just now"],
    [59, "just now"],
    [60, "1 minute ago"],
    [3 * 3600 + 5, "3 hours ago"],
    [86_400, "yesterday"],
    [3 * 86_400, "3 days ago"],
    [15 * 86_400, "2 weeks ago"],
    [400 * 86_400, "last year"],
  ])("%i seconds since completion reads %j", (seconds, text) => {
    const now = new Date("2026-03-01T12:00:00Z");
    expect(sinceText(new Date(now.getTime() - seconds * 1000).toISOString(), now)).toBe(text);
  });

  it("a column header links to the other direction when it is the sort, else to its natural direction", () => {
    expect(sortHref(BASE, view(), "ai_score")).toBe(`${BASE}?order=asc`);
    expect(sortHref(BASE, view({ order: "asc" }), "ai_score")).toBe(BASE);
    expect(sortHref(BASE, view(), "candidate")).toBe(`${BASE}?sort=candidate`);
    expect(sortHref(BASE, view({ decision: "none", review: "needs_my_review" }), "completed_at")).toBe(
      `${BASE}?sort=completed_at&decision=none&review=needs_my_review`,
    );
    expect(ariaSort(view(), "ai_score")).toBe("descending");
    expect(ariaSort(view({ sort: "candidate", order: "asc" }), "candidate")).toBe("ascending");
    expect(ariaSort(view(), "candidate")).toBe("none");
  });

  it("leaves defaults out of the query and keeps the page", () => {
    expect(boardQuery(view(), 1)).toEqual({
      sort: undefined,
      order: undefined,
      decision: undefined,
      review: undefined,
      page: undefined,
    });
    expect(boardQuery(view({ sort: "human_score", order: "asc", decision: "hold", review: "reviewed" }), 3)).toEqual({
      sort: "human_score",
      order: "asc",
      decision: "hold",
      review: "reviewed",
      page: "3",
    });
  });

  it("rounds mean scores to two decimals; none is a dash", () => {
    expect([meanText(4), meanText(3.456), meanText(null)]).toEqual(["4", "3.46", "—"]);
  });
});
