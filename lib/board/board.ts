import "server-only";
import { getDb, type DbOrTx } from "@/lib/db";
import { rowsOf } from "@/db/rows";
import type { Decision } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import type { InterviewActor } from "@/lib/interviews/access";
import { reviewableInterview } from "@/lib/review/access";
import { boardStatement } from "./board-sql";
import type { BoardFilters, BoardPage } from "./query";

// The ranked board of an interview: one row per candidate (invite), their latest completed attempt, with the AI's
// score (its latest completed evaluation), the human score (the mean of submitted scorecards), the number of reviews,
// the viewer's own scorecard state and the newest decision. One statement (board-sql.ts): the page and the total.
// Blind review: where the viewer may not see a session's scores (the rule of lib/scorecards/visibility.ts) both scores
// are null before anything sorts by them, so the order of the rows says nothing about a hidden score.

export type MyReview = "none" | "draft" | "submitted";

export interface BoardRow {
  session_id: string;
  token_id: string;
  candidate_name: string | null;
  candidate_email: string | null;
  attempt_number: number;
  completed_at: string | null;
  ai_score: number | null;
  human_score: number | null;
  scores_hidden: boolean;
  review_count: number;
  my_review: MyReview;
  decision: Decision | null;
  decided_at: string | null;
}

interface RawRow {
  total: number;
  session_id: string | null;
  token_id: string;
  candidate_name: string | null;
  candidate_email: string | null;
  attempt_number: number;
  completed_ms: number | null;
  ai_score: number | null;
  human_score: number | null;
  visible: boolean;
  review_count: number;
  my_review: MyReview;
  decision: Decision | null;
  decided_ms: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** The rows of the board (a page of it, or all of it without `page`) and how many rows the filters leave. */
export async function boardRows(
  db: DbOrTx,
  input: {
    companyId: string;
    interviewId: string;
    viewerId: string;
    filters: BoardFilters;
    page?: { skip: number; limit: number };
  },
): Promise<{ items: BoardRow[]; total: number }> {
  const rows = rowsOf<RawRow>(await db.execute(boardStatement(input)));
  const total = Number(rows[0]?.total ?? 0);
  const items = rows
    .filter((r) => r.session_id !== null)
    .map((r) => ({
      session_id: r.session_id!,
      token_id: r.token_id,
      candidate_name: r.candidate_name,
      candidate_email: r.candidate_email,
      attempt_number: Number(r.attempt_number),
      completed_at: iso(r.completed_ms),
      ai_score: r.ai_score === null ? null : Number(r.ai_score),
      human_score: r.human_score === null ? null : Number(r.human_score),
      scores_hidden: !r.visible,
      review_count: Number(r.review_count),
      my_review: r.my_review,
      decision: r.decision,
      decided_at: iso(r.decided_ms),
    }));
  return { items, total };
}

/** The viewer's interview, when they may see its board: "board.view", and a TEAM_LEAD only for their own. */
export async function boardInterview(
  db: DbOrTx,
  { viewer, interviewId }: { viewer: InterviewActor; interviewId: string },
) {
  assertCan(viewer.role, "board.view");
  return reviewableInterview(db, { viewer, interviewId });
}

/** The board as the API and the dashboard show it: access checked, then one page. */
export async function listBoard(
  db: DbOrTx,
  { viewer, interviewId, query }: { viewer: InterviewActor; interviewId: string; query: BoardPage },
) {
  const interview = await boardInterview(db, { viewer, interviewId });
  const { skip, limit, ...filters } = query;
  const page = await boardRows(db, {
    companyId: viewer.companyId,
    interviewId: interview.id,
    viewerId: viewer.userId,
    filters,
    page: { skip, limit },
  });
  return { interview, ...page };
}

/** listBoard on the app's database (the API's board). */
export async function boardPage(input: { viewer: InterviewActor; interviewId: string; query: BoardPage }) {
  return listBoard(await getDb(), input);
}

/** boardInterview on the app's database (the compare page). */
export async function loadBoardInterview(input: { viewer: InterviewActor; interviewId: string }) {
  return boardInterview(await getDb(), input);
}
