import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { BoardFilters, BoardSort } from "./query";

// The board's one statement, shaped by bench/board/ (10,000 candidates, 30,000 scorecards):
// - the rows are ranked on only what the sort and the filters need, and only the page's 50 rows get the rest;
// - each figure is computed set-based over the interview's completed attempts (hash joins), not by a subquery per row,
//   whose estimated cost alone crosses PostgreSQL's default jit_above_cost (JIT compiling then costs more than the
//   query); each figure has one definition, applied to either set of sessions;
// - `ranked` is MATERIALIZED: filtering on a NULL from an outer join in the same query level made the planner expect
//   one row and rescan an aggregate per candidate (seconds).
// `visible` is the blind rule of lib/scorecards/visibility.ts (scoresVisible): no blind review, or the viewer submitted;
// the rule's own SQL form (a correlated EXISTS) is per row, the cost named above.

/** A set of sessions: a FROM item with an `id` column. */
type SessionSet = SQL;

// The AI's score: the overall score of the session's latest completed evaluation version.
const aiOf = (set: SessionSet) => sql`
  SELECT DISTINCT ON (e.session_id) e.session_id, e.overall_score
    FROM evaluations e JOIN ${set} x ON x.id = e.session_id WHERE e.status = 'completed'
   ORDER BY e.session_id, e.version DESC`;

// The human score (mean of submitted scorecards), how many were submitted, and the viewer's own scorecard. The outer
// DISTINCT ON changes nothing but tells the planner that session_id is unique here (it learns nothing through a GROUP
// BY), without which it expects the join to multiply rows: at 30,000 sessions its estimate crossed jit_above_cost.
const humanOf = (set: SessionSet, viewerId: string) => sql`
  SELECT DISTINCT ON (g.session_id) g.* FROM (
    SELECT c.session_id,
           avg(c.overall_score) FILTER (WHERE c.status = 'submitted')::float8 AS human_score,
           count(*) FILTER (WHERE c.status = 'submitted')::int AS review_count,
           bool_or(c.reviewer_id = ${viewerId} AND c.status = 'submitted') AS mine_submitted,
           bool_or(c.reviewer_id = ${viewerId}) AS mine
      FROM scorecards c JOIN ${set} x ON x.id = c.session_id
     GROUP BY c.session_id
  ) g ORDER BY g.session_id`;

// The decision: the session's newest decisions row (append-only; a change is a newer row).
const decidedOf = (set: SessionSet) => sql`
  SELECT DISTINCT ON (d.session_id) d.session_id, d.decision, d.created_at
    FROM decisions d JOIN ${set} x ON x.id = d.session_id
   ORDER BY d.session_id, d.created_at DESC, d.id DESC`;

// Ranking columns of `ranked`; a hidden score is null there already, so sorting by it reveals nothing.
const SORT_KEY: Record<BoardSort, SQL> = {
  candidate: sql`r_name`,
  ai_score: sql`r_ai`,
  human_score: sql`r_human`,
  review_count: sql`r_reviews`,
  decision: sql`r_decision`,
  completed_at: sql`completed_ms`,
};

/** NULLs last in both directions; ties fall back to the earliest completed, then the session id, so pages are stable. */
const orderSql = ({ sort, order }: BoardFilters, prefix: SQL = sql``) =>
  sql`${prefix}${SORT_KEY[sort]} ${sql.raw(order === "asc" ? "ASC" : "DESC")} NULLS LAST, ${prefix}completed_ms ASC NULLS LAST, ${prefix}session_id ASC`;

function filtersSql({ decision, review }: BoardFilters): SQL {
  const where: SQL[] = [sql`true`];
  if (decision === "none") where.push(sql`r_decision IS NULL`);
  else if (decision) where.push(sql`r_decision = ${decision}`);
  if (review === "unreviewed") where.push(sql`r_reviews = 0`);
  else if (review === "reviewed") where.push(sql`r_reviews > 0`);
  else if (review === "needs_my_review") where.push(sql`NOT mine_submitted AND r_decision IS NULL`);
  return sql.join(where, sql` AND `);
}

export function boardStatement(input: {
  companyId: string;
  interviewId: string;
  viewerId: string;
  filters: BoardFilters;
  page?: { skip: number; limit: number };
}): SQL {
  const { companyId, interviewId, viewerId, filters, page } = input;
  const { sort, decision, review } = filters;
  const needs = {
    ai: sort === "ai_score",
    human: sort === "human_score" || sort === "review_count" || review === "unreviewed" || review === "reviewed",
    decided: sort === "decision" || decision !== undefined || review === "needs_my_review",
    name: sort === "candidate",
  };
  // Every completed attempt of the interview, as a plain subquery the planner flattens into the join: it then has the
  // table's statistics (a CTE has none, and its estimates compound into ones that trip JIT compilation).
  const completed: SessionSet = sql`(SELECT s.id FROM interview_sessions s
    WHERE s.interview_id = ${interviewId} AND s.company_id = ${companyId} AND s.status = 'completed')`;
  const onPage: SessionSet = sql`(SELECT session_id AS id FROM page)`;
  const rankCtes = [
    needs.ai && sql`rank_ai AS (${aiOf(completed)})`,
    needs.human && sql`rank_human AS (${humanOf(completed, viewerId)})`,
    needs.decided && sql`rank_decided AS (${decidedOf(completed)})`,
  ].filter((part): part is SQL => part !== false);
  const rankJoins = [
    needs.ai && sql`LEFT JOIN rank_ai ra ON ra.session_id = l.id`,
    needs.human && sql`LEFT JOIN rank_human rh ON rh.session_id = l.id`,
    needs.decided && sql`LEFT JOIN rank_decided rd ON rd.session_id = l.id`,
    needs.name && sql`JOIN candidate_tokens rt ON rt.id = l.token_id`,
  ].filter((part): part is SQL => part !== false);
  const slice = page ? sql`LIMIT ${page.limit} OFFSET ${page.skip}` : sql``;

  return sql`
    WITH ${sql.join(rankCtes, sql`, `)}${rankCtes.length ? sql`, ` : sql``}ranked AS MATERIALIZED (
      SELECT l.id AS session_id, l.token_id, l.attempt_number, (extract(epoch FROM l.ended_at) * 1000)::float8 AS completed_ms,
             v.visible, m.session_id IS NOT NULL AS mine_submitted,
             ${needs.ai ? sql`CASE WHEN v.visible THEN ra.overall_score END` : sql`NULL::float8`} AS r_ai,
             ${needs.human ? sql`CASE WHEN v.visible THEN rh.human_score END` : sql`NULL::float8`} AS r_human,
             ${needs.human ? sql`coalesce(rh.review_count, 0)` : sql`NULL::int`} AS r_reviews,
             ${needs.decided ? sql`rd.decision` : sql`NULL::decision`} AS r_decision,
             ${needs.name ? sql`lower(coalesce(rt.candidate_name, rt.candidate_email))` : sql`NULL::text`} AS r_name
        FROM (
          SELECT DISTINCT ON (s.token_id) s.id, s.token_id, s.attempt_number, s.ended_at
            FROM interview_sessions s
           WHERE s.interview_id = ${interviewId} AND s.company_id = ${companyId} AND s.status = 'completed'
           ORDER BY s.token_id DESC, s.attempt_number DESC
        ) l
        JOIN interviews i ON i.id = ${interviewId}
        LEFT JOIN (
          SELECT c.session_id FROM scorecards c WHERE c.reviewer_id = ${viewerId} AND c.status = 'submitted'
        ) m ON m.session_id = l.id
        ${sql.join(rankJoins, sql` `)}
        CROSS JOIN LATERAL (SELECT (i.blind_review IS FALSE OR m.session_id IS NOT NULL) AS visible) v
    ), shown AS (
      SELECT * FROM ranked WHERE ${filtersSql(filters)}
    ), page AS (
      SELECT * FROM shown ORDER BY ${orderSql(filters)} ${slice}
    ), page_ai AS (${aiOf(onPage)}), page_human AS (${humanOf(onPage, viewerId)}), page_decided AS (${decidedOf(onPage)})
    SELECT c.total, p.session_id, p.token_id, p.attempt_number, p.completed_ms, p.visible,
           t.candidate_name, t.candidate_email,
           CASE WHEN p.visible THEN pa.overall_score END AS ai_score,
           CASE WHEN p.visible THEN ph.human_score END AS human_score,
           coalesce(ph.review_count, 0) AS review_count,
           CASE WHEN ph.mine_submitted THEN 'submitted' WHEN ph.mine THEN 'draft' ELSE 'none' END AS my_review,
           pd.decision, (extract(epoch FROM pd.created_at) * 1000)::float8 AS decided_ms
      FROM (SELECT count(*)::int AS total FROM shown) c
      LEFT JOIN page p ON true
      LEFT JOIN candidate_tokens t ON t.id = p.token_id
      LEFT JOIN page_ai pa ON pa.session_id = p.session_id
      LEFT JOIN page_human ph ON ph.session_id = p.session_id
      LEFT JOIN page_decided pd ON pd.session_id = p.session_id
     ORDER BY ${orderSql(filters, sql`p.`)}`;
}
