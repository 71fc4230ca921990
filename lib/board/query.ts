import { z } from "zod";

// What a board request may ask for: the sort, the filters and the page. Shared by the API (a bad value is a 422)
// and the dashboard page (a bad value in the address bar falls back to the default).

export const BOARD_SORTS = [
  "candidate",
  "ai_score",
  "human_score",
  "review_count",
  "decision",
  "completed_at",
] as const;
export const BOARD_ORDERS = ["asc", "desc"] as const;
export const BOARD_DECISION_FILTERS = ["advance", "hold", "reject", "none"] as const;
export const BOARD_REVIEW_FILTERS = ["all", "unreviewed", "reviewed", "needs_my_review"] as const;
export const BOARD_PAGE_MAX = 100; // rows per page
/** How many candidates the comparison shows side by side. */
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

export type BoardSort = (typeof BOARD_SORTS)[number];
export type BoardOrder = (typeof BOARD_ORDERS)[number];
export type BoardDecisionFilter = (typeof BOARD_DECISION_FILTERS)[number];
export type BoardReviewFilter = (typeof BOARD_REVIEW_FILTERS)[number];

/** The best first: scores high to low, the most recently completed first; names and decisions read A to Z. */
export const DEFAULT_ORDER: Record<BoardSort, BoardOrder> = {
  candidate: "asc",
  ai_score: "desc",
  human_score: "desc",
  review_count: "desc",
  decision: "asc",
  completed_at: "desc",
};

export const BoardQuery = z
  .object({
    sort: z.enum(BOARD_SORTS).default("ai_score"),
    order: z.enum(BOARD_ORDERS).optional(),
    decision: z.enum(BOARD_DECISION_FILTERS).optional(),
    review: z.enum(BOARD_REVIEW_FILTERS).default("all"),
    skip: z.coerce.number().int().min(0).max(1_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(BOARD_PAGE_MAX).default(50),
  })
  .transform((q) => ({ ...q, order: q.order ?? DEFAULT_ORDER[q.sort] }));

export type BoardQueryInput = z.input<typeof BoardQuery>;
export type BoardFilters = Omit<z.output<typeof BoardQuery>, "skip" | "limit">;
export type BoardPage = z.output<typeof BoardQuery>;
