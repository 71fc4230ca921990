import { z } from "zod";
import {
  BOARD_DECISION_FILTERS,
  BOARD_ORDERS,
  BOARD_REVIEW_FILTERS,
  BOARD_SORTS,
  DEFAULT_ORDER,
} from "@/lib/board/query";
import type { BoardView } from "@/components/board/board-labels";
import { first, pageNumber, type SearchParams } from "../../../search-params";

// The board's address bar: each malformed value falls back to its default on its own (never a 500, never a 422 page).

const sortOf = z.enum(BOARD_SORTS).catch("ai_score");
const orderOf = z.enum(BOARD_ORDERS).optional().catch(undefined);
const decisionOf = z.enum(BOARD_DECISION_FILTERS).optional().catch(undefined);
const reviewOf = z.enum(BOARD_REVIEW_FILTERS).catch("all");

export function parseBoardParams(query: SearchParams): { view: BoardView; page: number } {
  const sort = sortOf.parse(first(query.sort));
  const view: BoardView = {
    sort,
    order: orderOf.parse(first(query.order)) ?? DEFAULT_ORDER[sort],
    decision: decisionOf.parse(first(query.decision) || undefined),
    review: reviewOf.parse(first(query.review)),
  };
  return { view, page: pageNumber.parse(first(query.page)) };
}
