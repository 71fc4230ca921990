import fs from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";
import { defaultCriteria } from "../../lib/evaluation/rubric";
import { hashInvite, newInviteValue } from "../../lib/invites/token-value";

// Invites are tagged by candidate_name so each pool can be counted (and cleaned up) on its own.
export const ROUTE_TAG = "bench-route";
export const PGBENCH_TAG = "bench-pgbench";
const INSERT_BATCH = 20_000; // hashes per INSERT: one text[] parameter, so no 65535-parameter limit applies
const INVITE_TTL_H = 72; // hours, the default expiry of a minted invite
const DEMO_ADMIN = "admin@nextgenai.com"; // seeded by scripts/prepare.ts

export interface Fixture {
  interviewId: string;
  companyId: string;
  /** Raw invite values for the route, one per line, in the order the load generator uses them. */
  valuesFile: string;
  routePoolSize: number;
  /** pgbench invites hash `${pgbenchPrefix}${n}` for n = 1..pgbenchPoolSize, so SQL can derive the n-th one. */
  pgbenchPrefix: string;
  pgbenchPoolSize: number;
  sequence: string;
}

/**
 * An active interview with 3 questions (the default rubric on each), a pool of fresh 1-attempt invites for the route
 * and another for pgbench.
 */
export async function mintFixture(
  sql: Sql,
  opts: { stamp: string; dataDir: string; routePoolSize: number; pgbenchPoolSize: number },
): Promise<Fixture> {
  const [owner] = await sql<{ id: string; company_id: string }[]>`
    SELECT id, company_id FROM users WHERE email = ${DEMO_ADMIN}
    UNION ALL (SELECT id, company_id FROM users WHERE role = 'ADMIN' ORDER BY created_at LIMIT 1)
    LIMIT 1`;
  if (!owner) throw new Error(`no ADMIN user to own the bench interview (is ${DEMO_ADMIN} seeded?)`);
  const [interview] = await sql<{ id: string }[]>`
    INSERT INTO interviews (company_id, created_by, title, position, status)
    VALUES (${owner.company_id}, ${owner.id}, ${`Bench start-session ${opts.stamp}`}, 'Benchmark', 'active')
    RETURNING id`;
  const interviewId = interview!.id;
  // Each question carries the default rubric, as a new interview's questions do: the snapshot each start stores.
  await sql`
    INSERT INTO interview_questions
      (company_id, interview_id, position, text, think_time_seconds, time_limit_seconds, criteria)
    SELECT ${owner.company_id}, ${interviewId}, g, 'Bench question ' || g, 30, 120, ${sql.json(defaultCriteria())}
      FROM generate_series(0, 2) g`;

  // Route pool: the values must be known to the client, so they are made (and hashed, like the app does) in Node.
  const values = Array.from({ length: opts.routePoolSize }, newInviteValue);
  for (let from = 0; from < values.length; from += INSERT_BATCH) {
    const hashes = values.slice(from, from + INSERT_BATCH).map(hashInvite);
    await sql`
      INSERT INTO candidate_tokens (company_id, interview_id, token_hash, candidate_name, expires_at, max_attempts)
      SELECT ${owner.company_id}, ${interviewId}, h, ${ROUTE_TAG}, now() + make_interval(hours => ${INVITE_TTL_H}), 1
        FROM unnest(${hashes}::text[]) AS h`;
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const valuesFile = path.join(opts.dataDir, `start-session-pool-${opts.stamp}.txt`);
  fs.writeFileSync(valuesFile, `${values.join("\n")}\n`);

  // pgbench pool: nobody needs the raw values, so the database makes them; the sequence hands out each n once.
  const pgbenchPrefix = `pgbench-${opts.stamp}-`;
  await sql`
    INSERT INTO candidate_tokens (company_id, interview_id, token_hash, candidate_name, expires_at, max_attempts)
    SELECT ${owner.company_id}, ${interviewId}, encode(sha256(convert_to(${pgbenchPrefix} || g, 'UTF8')), 'hex'), ${PGBENCH_TAG},
           now() + make_interval(hours => ${INVITE_TTL_H}), 1
      FROM generate_series(1, ${opts.pgbenchPoolSize}::int) g`;
  const sequence = `bench_start_session_seq_${opts.stamp.replace(/[^0-9a-z]/gi, "_").toLowerCase()}`;
  await sql.unsafe(`CREATE SEQUENCE "${sequence}"`);
  // Fresh statistics, so neither the route nor pgbench is planned against an empty-looking table.
  await sql`ANALYZE candidate_tokens`;
  return {
    interviewId,
    companyId: owner.company_id,
    valuesFile,
    routePoolSize: values.length,
    pgbenchPrefix,
    pgbenchPoolSize: opts.pgbenchPoolSize,
    sequence,
  };
}

/** How many invites of a pool have had an attempt consumed. */
export async function consumedInvites(sql: Sql, fixture: Fixture, tag: string): Promise<number> {
  const [row] = await sql<{ n: string }[]>`
    SELECT count(*) AS n FROM candidate_tokens
     WHERE interview_id = ${fixture.interviewId} AND candidate_name = ${tag} AND current_attempts > 0`;
  return Number(row!.n);
}

/** Attempts beyond max_attempts would mean the single statement let a race through. The CHECK should forbid it. */
export async function overdrawnInvites(sql: Sql, fixture: Fixture): Promise<number> {
  const [row] = await sql<{ n: string }[]>`
    SELECT count(*) AS n FROM candidate_tokens WHERE interview_id = ${fixture.interviewId} AND current_attempts > COALESCE(max_attempts, 1)`;
  return Number(row!.n);
}

/**
 * Removes what the bench added to a database it does not own (DATABASE_URL): a throwaway database is simply dropped.
 * Order follows the foreign keys: sessions, then invites, questions and the interview. The SESSION_STARTED audit rows
 * stay: audit_logs is append-only by trigger (db/migrations/0001_audit_append_only.sql), and nothing references them.
 */
export async function removeFixture(sql: Sql, fixture: Fixture): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`DELETE FROM interview_sessions WHERE interview_id = ${fixture.interviewId}`;
    await tx`DELETE FROM candidate_tokens WHERE interview_id = ${fixture.interviewId}`;
    await tx`DELETE FROM interview_questions WHERE interview_id = ${fixture.interviewId}`;
    await tx`DELETE FROM interviews WHERE id = ${fixture.interviewId}`;
    await tx.unsafe(`DROP SEQUENCE IF EXISTS "${fixture.sequence}"`);
  });
  fs.rmSync(fixture.valuesFile, { force: true });
}
