import "server-only";
import { getDb } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write";
import { toCsv, type CsvCell } from "@/lib/csv/write";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { InterviewActor } from "@/lib/interviews/access";
import { boardInterview, boardRows, type BoardRow } from "./board";
import type { BoardFilters } from "./query";

// The board as CSV: every row the filters leave, in the board's order (no pagination), through the one CSV writer
// (formula-escaped: a candidate may name themselves "=HYPERLINK(...)"). Scores the viewer may not see yet say so.

const HEADER = [
  "Candidate",
  "Email",
  "Attempt",
  "Completed at (UTC)",
  "AI score",
  "Human score",
  "Reviews",
  "My review",
  "Decision",
  "Decided at (UTC)",
  "Session id",
] as const;

const HIDDEN = "hidden until you submit your scorecard";

const score = (row: BoardRow, value: number | null): CsvCell =>
  row.scores_hidden ? HIDDEN : value === null ? null : Math.round(value * 100) / 100;

export function boardCsv(rows: readonly BoardRow[]): string {
  return toCsv(
    HEADER,
    rows.map((r) => [
      r.candidate_name,
      r.candidate_email,
      r.attempt_number,
      r.completed_at,
      score(r, r.ai_score),
      score(r, r.human_score),
      r.review_count,
      r.my_review,
      r.decision,
      r.decided_at,
      r.session_id,
    ]),
  );
}

/** A file name fit for Content-Disposition: ASCII letters, digits and dashes only. */
export function boardFileName(title: string, now: Date): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase()
    .slice(0, 60);
  return `board-${slug || "interview"}-${now.toISOString().slice(0, 10)}.csv`;
}

/** The whole filtered, sorted board as CSV for a viewer who may see it; audited (BOARD_EXPORTED). */
export async function exportBoard({
  viewer,
  interviewId,
  filters,
  meta,
  now = new Date(),
}: {
  viewer: InterviewActor;
  interviewId: string;
  filters: BoardFilters;
  meta: RequestMeta;
  now?: Date;
}) {
  const db = await getDb();
  const interview = await boardInterview(db, { viewer, interviewId });
  const { items } = await boardRows(db, {
    companyId: viewer.companyId,
    interviewId: interview.id,
    viewerId: viewer.userId,
    filters,
  });
  await writeAudit(db, {
    action: "BOARD_EXPORTED",
    companyId: viewer.companyId,
    userId: viewer.userId,
    resourceType: "interview",
    resourceId: interview.id,
    details: {
      rows: items.length,
      sort: filters.sort,
      order: filters.order,
      decision: filters.decision ?? null,
      review: filters.review,
    },
    meta,
  });
  return { csv: boardCsv(items), fileName: boardFileName(interview.title, now) };
}
