import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { interviews, interviewSessions, scorecards } from "@/db/schema";

// Blind review: a reviewer who has not submitted their own scorecard of a session sees neither the other reviewers'
// scores nor the AI's, so that the first opinion does not anchor the rest. An interview may turn this off
// (interviews.blind_review). Every surface that shows scores (review page, session API, board, comparison, report)
// asks here, and the API enforces it, not only the UI.

/** The pure rule: scores (others' and the AI's) are visible when the interview is not blind or the viewer submitted. */
export const scoresVisible = (input: { blindReview: boolean; submitted: boolean }) =>
  !input.blindReview || input.submitted;

/** Whether the viewer has submitted a scorecard of the session. */
export async function hasSubmitted(
  db: DbOrTx,
  { sessionId, reviewerId }: { sessionId: string; reviewerId: string },
): Promise<boolean> {
  const [row] = await db
    .select({ id: scorecards.id })
    .from(scorecards)
    .where(
      and(
        eq(scorecards.sessionId, sessionId),
        eq(scorecards.reviewerId, reviewerId),
        eq(scorecards.status, "submitted"),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** What the viewer may see of a session's scores: `scores_visible` false hides others' scorecards and the AI's scores. */
export async function reviewVisibility(db: DbOrTx, { sessionId, viewerId }: { sessionId: string; viewerId: string }) {
  const [row] = await db
    .select({ blindReview: interviews.blindReview })
    .from(interviewSessions)
    .innerJoin(interviews, eq(interviews.id, interviewSessions.interviewId))
    .where(eq(interviewSessions.id, sessionId))
    .limit(1);
  const blindReview = row?.blindReview ?? true;
  const submitted = await hasSubmitted(db, { sessionId, reviewerId: viewerId });
  return { blindReview, submitted, scoresVisible: scoresVisible({ blindReview, submitted }) };
}

/**
 * The same rule in SQL, per row of a query over interview_sessions joined to interviews (the board, the comparison):
 * true where the viewer may see the row's scores. Sorting by a hidden score must not reveal it, so queries sort by
 * `CASE WHEN <this> THEN score END`.
 */
export function scoresVisibleSql(viewerId: string): SQL<boolean> {
  return sql<boolean>`(${interviews.blindReview} IS FALSE OR EXISTS (SELECT 1 FROM ${scorecards} WHERE ${scorecards.sessionId} = ${interviewSessions.id} AND ${scorecards.reviewerId} = ${viewerId} AND ${scorecards.status} = 'submitted'))`.mapWith(
    Boolean,
  );
}
