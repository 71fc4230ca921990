import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { rowsOf } from "@/db/rows";
import { assertCan } from "@/lib/auth/permissions";
import type { InterviewActor } from "@/lib/interviews/access";
import { reviewableInterview } from "@/lib/review/access";
import { scoresVisibleSql } from "@/lib/scorecards/visibility";
import { type AnalyticsReport, buildReport, type FurthestCount } from "./report";

// The figures behind the analytics pages and API, for one interview or the whole company. Each query aggregates in
// SQL and returns a handful of rows (per step and age in days, per score point, per criterion and score pair), however
// many invites there are; report.ts turns them into the figures.
//
// Scores follow the blind-review rule (lib/scorecards/visibility.ts): a completed session's AI and human scores count
// only where the viewer may see them, so that a chart over one or two candidates cannot reveal what the review page
// hides. How many sessions were left out is reported.

interface Scope {
  companyId: string;
  interviewId?: string;
}

const tokenScope = ({ companyId, interviewId }: Scope) =>
  interviewId ? sql`t.company_id = ${companyId} AND t.interview_id = ${interviewId}` : sql`t.company_id = ${companyId}`;

const sessionScope = ({ companyId, interviewId }: Scope) =>
  interviewId
    ? sql`interview_sessions.company_id = ${companyId} AND interview_sessions.interview_id = ${interviewId}`
    : sql`interview_sessions.company_id = ${companyId}`;

/** Invites per furthest funnel step and age in whole days (database clock). */
async function inviteSteps(db: DbOrTx, scope: Scope): Promise<FurthestCount[]> {
  const ofToken = (condition: SQL) => sql`EXISTS (SELECT 1 FROM interview_sessions s ${condition})`;
  const rows = rowsOf<FurthestCount>(
    await db.execute(sql`
      SELECT step, age_days, count(*)::int AS invites FROM (
        SELECT floor(extract(epoch FROM now() - t.created_at) / 86400)::int AS age_days,
          CASE
            WHEN ${ofToken(sql`JOIN decisions d ON d.session_id = s.id WHERE s.token_id = t.id`)} THEN 'decided'
            WHEN ${ofToken(sql`JOIN scorecards sc ON sc.session_id = s.id WHERE s.token_id = t.id AND sc.version > 0`)} THEN 'reviewed'
            WHEN ${ofToken(sql`WHERE s.token_id = t.id AND s.status = 'completed'`)} THEN 'completed'
            WHEN ${ofToken(sql`WHERE s.token_id = t.id`)} THEN 'started'
            WHEN t.opened_at IS NOT NULL THEN 'opened'
            ELSE 'invited'
          END AS step
        FROM candidate_tokens t WHERE ${tokenScope(scope)}
      ) per_invite
      GROUP BY step, age_days`),
  );
  return rows.map((r) => ({ ...r, age_days: Number(r.age_days), invites: Number(r.invites) }));
}

/** Completed sessions: how many, the median duration, and how many have scores hidden from the viewer. */
async function completedSessions(db: DbOrTx, scope: Scope, viewerId: string) {
  const [row] = rowsOf<{ completed: number; median_seconds: number | string | null; hidden: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS completed,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM interview_sessions.ended_at - interview_sessions.started_at)::float8) AS median_seconds,
        count(*) FILTER (WHERE NOT ${scoresVisibleSql(viewerId)})::int AS hidden
      FROM interview_sessions JOIN interviews ON interviews.id = interview_sessions.interview_id
      WHERE ${sessionScope(scope)} AND interview_sessions.status = 'completed' AND interview_sessions.ended_at IS NOT NULL`),
  );
  return {
    completed: Number(row?.completed ?? 0),
    medianSeconds:
      row?.median_seconds === null || row?.median_seconds === undefined ? null : Number(row.median_seconds),
    hidden: Number(row?.hidden ?? 0),
  };
}

/** Overall scores per rounded point: the AI's (each session's latest completed evaluation) and each submitted scorecard's. */
async function scoreCounts(db: DbOrTx, scope: Scope, viewerId: string) {
  const visible = scoresVisibleSql(viewerId);
  const rows = rowsOf<{ source: "ai" | "human"; score: number; n: number }>(
    await db.execute(sql`
      SELECT 'ai' AS source, floor(latest.overall_score + 0.5)::int AS score, count(*)::int AS n
      FROM interview_sessions JOIN interviews ON interviews.id = interview_sessions.interview_id
      CROSS JOIN LATERAL (
        SELECT e.overall_score FROM evaluations e WHERE e.session_id = interview_sessions.id AND e.status = 'completed' ORDER BY e.version DESC LIMIT 1
      ) latest
      WHERE ${sessionScope(scope)} AND interview_sessions.status = 'completed' AND latest.overall_score IS NOT NULL AND ${visible}
      GROUP BY 2
      UNION ALL
      SELECT 'human' AS source, floor(scorecards.overall_score + 0.5)::int AS score, count(*)::int AS n
      FROM scorecards
      JOIN interview_sessions ON interview_sessions.id = scorecards.session_id
      JOIN interviews ON interviews.id = interview_sessions.interview_id
      WHERE ${sessionScope(scope)} AND scorecards.status = 'submitted' AND scorecards.overall_score IS NOT NULL AND ${visible}
      GROUP BY 2`),
  );
  const of = (source: "ai" | "human") =>
    rows.filter((r) => r.source === source).map((r) => ({ score: Number(r.score), count: Number(r.n) }));
  return { ai: of("ai"), human: of("human") };
}

/** (criterion, human score, AI score) pair counts: submitted scorecards against the latest completed evaluation. */
async function agreementPairs(db: DbOrTx, scope: Scope, viewerId: string) {
  const rows = rowsOf<{ criterion: string; human: number; ai: number; n: number }>(
    await db.execute(sql`
      WITH latest AS (
        SELECT DISTINCT ON (e.session_id) e.id, e.session_id
        FROM evaluations e
        JOIN interview_sessions ON interview_sessions.id = e.session_id
        JOIN interviews ON interviews.id = interview_sessions.interview_id
        WHERE ${sessionScope(scope)} AND e.status = 'completed' AND ${scoresVisibleSql(viewerId)}
        ORDER BY e.session_id, e.version DESC
      ), ai AS (
        SELECT latest.session_id, ae.question_index AS answer, c->>'criterion' AS criterion, round((c->>'score')::numeric)::int AS score
        FROM latest JOIN answer_evaluations ae ON ae.evaluation_id = latest.id
        CROSS JOIN LATERAL jsonb_array_elements(ae.criteria) c
        WHERE c->>'status' = 'scored' AND jsonb_typeof(c->'score') = 'number'
      ), human AS (
        SELECT sc.session_id, (h->>'answer')::int AS answer, h->>'criterion' AS criterion, round((h->>'score')::numeric)::int AS score
        FROM scorecards sc JOIN latest ON latest.session_id = sc.session_id
        CROSS JOIN LATERAL jsonb_array_elements(sc.scores) h
        WHERE sc.status = 'submitted' AND jsonb_typeof(h->'score') = 'number' AND jsonb_typeof(h->'answer') = 'number'
      )
      SELECT human.criterion, human.score AS human, ai.score AS ai, count(*)::int AS n
      FROM human JOIN ai ON ai.session_id = human.session_id AND ai.answer = human.answer AND ai.criterion = human.criterion
      GROUP BY 1, 2, 3`),
  );
  return rows.map((r) => ({ criterion: r.criterion, human: Number(r.human), ai: Number(r.ai), count: Number(r.n) }));
}

async function figures(db: DbOrTx, scope: Scope, viewerId: string) {
  // One at a time: PGlite has a single connection, and on PostgreSQL these are a few milliseconds each.
  const steps = await inviteSteps(db, scope);
  const sessions = await completedSessions(db, scope, viewerId);
  const scores = await scoreCounts(db, scope, viewerId);
  const pairs = await agreementPairs(db, scope, viewerId);
  return buildReport({ steps, sessions, scores, pairs });
}

/** One interview's analytics: the roles that review its sessions (a TEAM_LEAD only for interviews they own). */
export async function interviewAnalytics(
  db: DbOrTx,
  { viewer, interviewId }: { viewer: InterviewActor; interviewId: string },
): Promise<AnalyticsReport> {
  const interview = await reviewableInterview(db, { viewer, interviewId });
  const report = await figures(db, { companyId: viewer.companyId, interviewId: interview.id }, viewer.userId);
  return { scope: "interview", interview: { id: interview.id, title: interview.title }, ...report };
}

/** The whole company's analytics, across every interview: HR and ADMIN. */
export async function companyAnalytics(db: DbOrTx, { viewer }: { viewer: InterviewActor }): Promise<AnalyticsReport> {
  assertCan(viewer.role, "analytics.company");
  return { scope: "company", interview: null, ...(await figures(db, { companyId: viewer.companyId }, viewer.userId)) };
}

/** interviewAnalytics on the app's database (the API's report). */
export async function interviewAnalyticsReport(input: {
  viewer: InterviewActor;
  interviewId: string;
}): Promise<AnalyticsReport> {
  return interviewAnalytics(await getDb(), input);
}

/** companyAnalytics on the app's database (the API's report). */
export async function companyAnalyticsReport(input: { viewer: InterviewActor }): Promise<AnalyticsReport> {
  return companyAnalytics(await getDb(), input);
}
