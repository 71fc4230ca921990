import type { Decision } from "@/lib/decisions/kinds";
import {
  DEFAULT_ORDER,
  type BoardDecisionFilter,
  type BoardOrder,
  type BoardReviewFilter,
  type BoardSort,
} from "@/lib/board/query";

// Words, numbers and links of the board and the comparison, as reviewers read them. Pure.

export const HIDDEN_TEXT = "Hidden until you submit your scorecard";

export const SORT_LABELS: Record<BoardSort, string> = {
  candidate: "Candidate",
  ai_score: "AI score",
  human_score: "Human score",
  review_count: "Reviews",
  decision: "Decision",
  completed_at: "Completed",
};

export const DECISION_FILTER_LABELS: Record<BoardDecisionFilter | "", string> = {
  "": "Any decision",
  advance: "Advance",
  hold: "Hold",
  reject: "Reject",
  none: "No decision yet",
};

export const REVIEW_FILTER_LABELS: Record<BoardReviewFilter, string> = {
  all: "Any review state",
  unreviewed: "No scorecard yet",
  reviewed: "At least one scorecard",
  needs_my_review: "Needs my review",
};

export const DECISION_TONE: Record<Decision, "success" | "warning" | "danger"> = {
  advance: "success",
  hold: "warning",
  reject: "danger",
};

/** "4.25", "3" for a mean score; an em dash where there is none. */
export function meanText(score: number | null): string {
  return score === null ? "—" : String(Math.round(score * 100) / 100);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 days ago", "2 hours ago", "just now": how long since `iso`, in the largest whole unit. */
export function sinceText(iso: string, now: Date): string {
  const seconds = Math.max(0, (now.getTime() - new Date(iso).getTime()) / 1000);
  for (const [unit, size] of UNITS) if (seconds >= size) return relative.format(-Math.floor(seconds / size), unit);
  return "just now";
}

export interface BoardView {
  sort: BoardSort;
  order: BoardOrder;
  decision?: BoardDecisionFilter;
  review: BoardReviewFilter;
}

/** The board's query string for a view (defaults left out, so links stay short). */
export function boardQuery(view: BoardView, page = 1): Record<string, string | undefined> {
  return {
    sort: view.sort === "ai_score" ? undefined : view.sort,
    order: view.order === DEFAULT_ORDER[view.sort] ? undefined : view.order,
    decision: view.decision,
    review: view.review === "all" ? undefined : view.review,
    page: page > 1 ? String(page) : undefined,
  };
}

export function hrefWith(basePath: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}

/** A column header's link: the other direction when it is the current sort, else its natural direction. */
export function sortHref(basePath: string, view: BoardView, column: BoardSort): string {
  const order = view.sort === column ? (view.order === "asc" ? "desc" : "asc") : DEFAULT_ORDER[column];
  return hrefWith(basePath, boardQuery({ ...view, sort: column, order }));
}

export const ariaSort = (view: BoardView, column: BoardSort) =>
  view.sort !== column ? "none" : view.order === "asc" ? "ascending" : "descending";
