import type { Sql } from "postgres";
import { DEFAULT_RUBRIC } from "../../lib/evaluation/rubric";

// One interview as a busy hiring round leaves it: SESSIONS candidates (one invite each) who completed, most evaluated
// by the AI (some twice), 0 to 6 submitted scorecards each (3 on average) from a pool of 8 reviewers, and decisions on
// a third (some changed). Written set-based (INSERT ... SELECT generate_series): seconds, not row by row. Blind review
// stays on: the viewer (the demo ADMIN) has submitted on about a third, so the visibility rule does real work.

const OWNER = "admin@nextgenai.com"; // seeded by scripts/prepare.ts; the bench's viewer
const SEEDED_REVIEWERS = ["hr@nextgenai.com", "lead@nextgenai.com"];
const EXTRA_REVIEWERS = 5; // bench users, so the pool is 8 reviewers
const MAX_REVIEWS = 6; // session g gets g mod 7 scorecards: none to 6, 3 on average, so some are unreviewed

export interface BoardFixture {
  interviewId: string;
  sessions: number;
  scorecards: number;
  evaluations: number;
  decisions: number;
  reviewers: number;
  seedMs: number;
}

export async function makeBoardFixture(sql: Sql, opts: { sessions: number; stamp: string }): Promise<BoardFixture> {
  const started = performance.now();
  const [owner] = await sql<
    { id: string; company_id: string }[]
  >`SELECT id, company_id FROM users WHERE email = ${OWNER}`;
  if (!owner) throw new Error(`${OWNER} is not seeded (scripts/prepare.ts)`);
  const company = owner.company_id;
  const n = opts.sessions;
  const questions = [
    {
      index: 0,
      text: "Tell us about a project you led.",
      think_time_seconds: 30,
      time_limit_seconds: 120,
      criteria: DEFAULT_RUBRIC.criteria,
    },
  ];

  const [interview] = await sql<{ id: string }[]>`
    INSERT INTO interviews (company_id, created_by, title, position, status, blind_review)
    VALUES (${company}, ${owner.id}, ${`Bench board ${opts.stamp}`}, 'Benchmark', 'active', true) RETURNING id`;
  const interviewId = interview!.id;
  await sql`
    INSERT INTO interview_questions (company_id, interview_id, position, text, think_time_seconds, time_limit_seconds, criteria)
    VALUES (${company}, ${interviewId}, 0, ${questions[0]!.text}, 30, 120, ${sql.json(DEFAULT_RUBRIC.criteria as never)})`;

  await sql`
    INSERT INTO users (company_id, email, password_hash, first_name, role)
    SELECT ${company}, 'bench-reviewer-' || g || '-' || ${opts.stamp} || '@example.com', 'not-a-hash', 'Reviewer ' || g, 'HR'
      FROM generate_series(1, ${EXTRA_REVIEWERS}) g`;
  // The pool, the viewer first: session g is reviewed by pool members g, g+1, ... (mod 8).
  const pool = await sql<{ id: string }[]>`
    SELECT id FROM users
     WHERE email = ${OWNER} OR email IN ${sql(SEEDED_REVIEWERS)} OR email LIKE ${`bench-reviewer-%-${opts.stamp}@example.com`}
     ORDER BY email = ${OWNER} DESC, email`;
  const poolIds = pool.map((u) => u.id);

  await sql`
    INSERT INTO candidate_tokens (company_id, interview_id, token_hash, candidate_name, candidate_email, max_attempts, current_attempts, is_used, created_at)
    SELECT ${company}, ${interviewId}, encode(sha256(convert_to(${`bench-board-${opts.stamp}-`} || g, 'UTF8')), 'hex'),
           'Candidate ' || lpad(g::text, 5, '0'), 'candidate-' || g || '@example.com', 1, 1, true, now() - interval '30 days'
      FROM generate_series(1, ${n}) g`;
  // Completed over the last 30 days, in no particular order relative to the names.
  await sql`
    INSERT INTO interview_sessions (company_id, interview_id, token_id, attempt_number, status, questions, livekit_room, resume_token_hash, started_at, last_activity_at, ended_at)
    SELECT ${company}, ${interviewId}, t.id, 1, 'completed', ${sql.json(questions as never)}, 'bench-board-' || t.id, encode(sha256(convert_to(t.id::text, 'UTF8')), 'hex'),
           e - interval '20 minutes', e, e
      FROM (SELECT id, now() - (hashtext(id::text)::bigint % 2592000 + 2592000) % 2592000 * interval '1 second' AS e
              FROM candidate_tokens WHERE interview_id = ${interviewId}) t`;
  // Numbered sessions for the set-based rules below.
  const numbered = sql`SELECT id, row_number() OVER (ORDER BY id) AS g, ended_at FROM interview_sessions WHERE interview_id = ${interviewId}`;

  // The AI: 9 in 10 evaluated (scores 1.0-5.0 in tenths), 1 in 20 of those re-run (version 2 is the one that counts).
  await sql`
    INSERT INTO evaluations (company_id, session_id, version, status, prompt_version, model, overall_score, created_at, completed_at)
    SELECT ${company}, s.id, v, 'completed', 'bench', 'bench-model', 1 + ((hashtext(s.id::text || v) & 2147483647) % 41) / 10.0, s.ended_at, s.ended_at
      FROM (${numbered}) s, generate_series(1, 2) v
     WHERE s.g % 10 <> 0 AND (v = 1 OR s.g % 20 = 1)`;
  await sql`
    INSERT INTO scorecards (company_id, session_id, reviewer_id, status, version, scores, recommendation, overall_score, submitted_at)
    SELECT ${company}, s.id, (${sql.array(poolIds)}::uuid[])[1 + (s.g + k) % ${poolIds.length}], 'submitted', 1, '[]'::jsonb,
           (ARRAY['strong_no','no','yes','strong_yes']::recommendation[])[1 + (s.g + k) % 4], 1 + ((s.g * 7 + k * 3) % 9) / 2.0, s.ended_at + interval '1 day'
      FROM (${numbered}) s, generate_series(0, ${MAX_REVIEWS - 1}) k
     WHERE k < s.g % (${MAX_REVIEWS} + 1)`;
  // Decisions on 1 in 3, by the viewer; 1 in 15 changed later (the newer row counts).
  await sql`
    INSERT INTO decisions (company_id, session_id, decision, reason, decided_by, created_at)
    SELECT ${company}, s.id, d.decision, CASE WHEN d.decision = 'advance' THEN NULL ELSE 'Bench reason' END, ${owner.id}, s.ended_at + d.after
      FROM (${numbered}) s
      CROSS JOIN LATERAL (VALUES ((ARRAY['advance','hold','reject']::decision[])[1 + s.g % 3], interval '2 days'),
                                 ((ARRAY['advance','hold','reject']::decision[])[1 + (s.g + 1) % 3], interval '3 days')) d(decision, after)
     WHERE s.g % 3 = 0 AND (d.after = interval '2 days' OR s.g % 15 = 0)`;
  await sql`VACUUM ANALYZE`; // as autovacuum would have left an aged table: statistics and the visibility map

  const [counts] = await sql<{ sessions: number; scorecards: number; evaluations: number; decisions: number }[]>`
    SELECT (SELECT count(*)::int FROM interview_sessions WHERE interview_id = ${interviewId}) AS sessions,
           (SELECT count(*)::int FROM scorecards sc JOIN interview_sessions s ON s.id = sc.session_id WHERE s.interview_id = ${interviewId}) AS scorecards,
           (SELECT count(*)::int FROM evaluations e JOIN interview_sessions s ON s.id = e.session_id WHERE s.interview_id = ${interviewId}) AS evaluations,
           (SELECT count(*)::int FROM decisions d JOIN interview_sessions s ON s.id = d.session_id WHERE s.interview_id = ${interviewId}) AS decisions`;
  return { interviewId, ...counts!, reviewers: poolIds.length, seedMs: performance.now() - started };
}
