import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { candidateQuestionsSql } from "../../lib/candidate-sessions/start";
import type { Fixture } from "./invites";

// The ceiling: the route's consuming statement with nothing around it (no HTTP, no JSON, no LiveKit token), driven
// by pgbench at the same concurrency. Only the parameters change: pgbench cannot compute SHA-256 or UUIDs, so the
// statement derives them itself from a sequence (each transaction gets a fresh invite) and gen_random_uuid().

export interface PgbenchResult {
  clients: number;
  threads: number;
  durationS: number;
  tps: number; // transactions per second, without initial connection time
  latencyAvgMs: number;
  transactions: number; // "number of transactions actually processed"
  failed: number;
  output: string;
}

const PGBENCH_THREADS = 2; // one per core here; pgbench itself needs little CPU

export const pgbenchBinary = (): string => process.env.BENCH_PGBENCH || "pgbench";

/**
 * KEEP IN SYNC with lib/candidate-sessions/start.ts: the same CTE, with the parameters ${hashInvite(invite)},
 * ${sessionId}, ${room}, ${hashResumeToken(...)}, ${ip} and ${userAgent} replaced by the `params` CTE and pgbench
 * variables. `params` is one extra row computed once per statement (a volatile CTE is materialized), so the ceiling
 * does slightly MORE work than the route's statement, never less.
 */
export function pgbenchScript(fixture: Fixture): string {
  return `-- pgbench script written by bench/start-session/pgbench.ts; one fresh invite per transaction
WITH params AS (
  SELECT encode(sha256(convert_to('${fixture.pgbenchPrefix}' || nextval('"${fixture.sequence}"'), 'UTF8')), 'hex') AS token_hash,
         gen_random_uuid() AS session_id,
         md5(random()::text) || md5(random()::text) AS resume_token_hash
), consumed AS (
  UPDATE candidate_tokens t
     SET current_attempts = t.current_attempts + 1, is_used = true, updated_at = now()
    FROM interviews i, params p
   WHERE t.token_hash = p.token_hash
     AND i.id = t.interview_id AND i.status = 'active'
     AND t.revoked_at IS NULL
     AND COALESCE(t.expires_at, t.created_at + interval '7 days') > now()
     AND t.current_attempts < COALESCE(t.max_attempts, 1)
  RETURNING t.id, t.company_id, t.interview_id, t.current_attempts, t.candidate_name, i.retakes_allowed, i.practice_question
), abandoned AS (
  UPDATE interview_sessions s SET status = 'abandoned', ended_at = now()
    FROM consumed c
   WHERE s.token_id = c.id AND s.status = 'in_progress'
  RETURNING s.livekit_room
), snapshot AS (
  SELECT COALESCE(jsonb_agg(jsonb_build_object(
           'index', q.position, 'text', q.text,
           'think_time_seconds', q.think_time_seconds, 'time_limit_seconds', q.time_limit_seconds,
           'criteria', q.criteria)
         ORDER BY q.position), '[]'::jsonb) AS questions
    FROM consumed c JOIN interview_questions q ON q.interview_id = c.interview_id
), opened AS (
  INSERT INTO interview_sessions
    (id, company_id, interview_id, token_id, attempt_number, status, questions, livekit_room, resume_token_hash)
  SELECT p.session_id, c.company_id, c.interview_id, c.id, c.current_attempts, 'in_progress',
         snapshot.questions, 'interview-' || p.session_id, p.resume_token_hash
    FROM consumed c, snapshot, params p
  RETURNING id, company_id, attempt_number, livekit_room, token_id
), audited AS (
  INSERT INTO audit_logs (company_id, action, resource_type, resource_id, details, ip_address, user_agent)
  SELECT o.company_id, 'SESSION_STARTED', 'interview_session', o.id,
         jsonb_build_object('token_id', o.token_id, 'attempt', o.attempt_number), :ip::inet, :ua
    FROM opened o
)
SELECT o.id, o.company_id, o.attempt_number, ${candidateQuestionsSql("snapshot.questions")} AS questions,
       o.livekit_room, c.candidate_name, c.retakes_allowed, c.practice_question,
       (SELECT COALESCE(array_agg(a.livekit_room), '{}') FROM abandoned a) AS abandoned_rooms
  FROM opened o, consumed c, snapshot;
`;
}

/**
 * Runs pgbench with -n (the tables are not pgbench's own) and -M prepared (postgres.js, behind the app, prepares
 * its statements too). Rejects when pgbench fails; the caller decides whether that skips the ceiling.
 */
export async function runPgbench(opts: {
  databaseUrl: string;
  fixture: Fixture;
  dataDir: string;
  clients: number;
  durationS: number;
}): Promise<PgbenchResult> {
  const scriptFile = path.join(opts.dataDir, `start-session-pgbench-${opts.fixture.sequence}.sql`);
  fs.writeFileSync(scriptFile, pgbenchScript(opts.fixture));
  const threads = Math.min(PGBENCH_THREADS, opts.clients);
  const args = [
    "-n",
    "-M",
    "prepared",
    "-c",
    String(opts.clients),
    "-j",
    String(threads),
    "-T",
    String(opts.durationS),
  ];
  args.push("-D", "ip=127.0.0.1", "-D", "ua=pgbench", "-f", scriptFile, opts.databaseUrl);
  const output = await capture(pgbenchBinary(), args);
  const number = (pattern: RegExp) => {
    const match = pattern.exec(output);
    if (!match) throw new Error(`pgbench output lacks ${pattern}:\n${output}`);
    return Number(match[1]);
  };
  return {
    clients: opts.clients,
    threads,
    durationS: opts.durationS,
    tps: number(/^tps = ([\d.]+) \(without initial connection time\)/m),
    latencyAvgMs: number(/^latency average = ([\d.]+) ms/m),
    transactions: number(/^number of transactions actually processed: (\d+)/m),
    failed: /^number of failed transactions: (\d+)/m.test(output)
      ? number(/^number of failed transactions: (\d+)/m)
      : 0,
    output,
  };
}

function capture(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} failed (${signal ?? `exit ${code}`}):\n${out}`)),
    );
  });
}
