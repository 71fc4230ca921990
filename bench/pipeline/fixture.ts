import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";
import { DEFAULT_RUBRIC } from "../../lib/evaluation/rubric";
import { recordingKey } from "../../lib/recordings/storage";

// What the pipeline works on: completed interview sessions, each with ANSWERS ready recordings of a real 3 s Chromium
// WebM, written straight into the database and the workers' DATA_DIR (as finalize leaves them), so no web server is
// involved. Every answer is scored on the default criteria. Sessions come in batches, one per measured run (and its
// warm-up), because a job's id is derived from what it produces: a second run over the same recordings would be no-ops.
// A batch's recordings stay `uploading` until its run releases them: the workers' sweep (every 5 minutes) enqueues
// every ready recording without a transcript, and would otherwise hand a later run's work to this one.

export const ANSWERS = 2; // recorded answers per session
const OWNER = "admin@nextgenai.com"; // seeded by scripts/prepare.ts
const RECORDING = path.resolve(import.meta.dirname, "../../lib/recordings/fixtures/chromium-3s.webm");
const RECORDING_MS = 2940; // the fixture's last packet (lib/recordings/fixtures/README.md)
const TAG = "bench-pipeline"; // candidate_name of the invites

export interface PipelineRecording {
  id: string;
  companyId: string;
  take: number;
}

export interface PipelineBatch {
  sessionIds: string[];
  recordings: PipelineRecording[];
}

const QUESTIONS = Array.from({ length: ANSWERS }, (_, index) => ({
  index,
  text: `Bench question ${index + 1}: tell us about a project you led.`,
  think_time_seconds: 30,
  time_limit_seconds: 120,
  criteria: DEFAULT_RUBRIC.criteria,
}));

/** An active interview with ANSWERS scored questions and, for each size, a batch of that many completed sessions. */
export async function makePipelineFixture(
  sql: Sql,
  opts: { stamp: string; dataDir: string; batchSizes: number[] },
): Promise<PipelineBatch[]> {
  const [owner] = await sql<
    { id: string; company_id: string }[]
  >`SELECT id, company_id FROM users WHERE email = ${OWNER}`;
  if (!owner) throw new Error(`${OWNER} is not seeded (scripts/prepare.ts)`);
  const companyId = owner.company_id;
  const [interview] = await sql<{ id: string }[]>`
    INSERT INTO interviews (company_id, created_by, title, position, status, competencies)
    VALUES (${companyId}, ${owner.id}, ${`Bench pipeline ${opts.stamp}`}, 'Benchmark', 'active', ${sql.json(DEFAULT_RUBRIC.competencies as never)})
    RETURNING id`;
  const interviewId = interview!.id;
  for (const q of QUESTIONS) {
    await sql`
      INSERT INTO interview_questions (company_id, interview_id, position, text, think_time_seconds, time_limit_seconds, criteria)
      VALUES (${companyId}, ${interviewId}, ${q.index}, ${q.text}, ${q.think_time_seconds}, ${q.time_limit_seconds}, ${sql.json(q.criteria as never)})`;
  }

  const total = opts.batchSizes.reduce((sum, n) => sum + n, 0);
  // One used invite per session, as start-session leaves it; nobody needs the raw values.
  const tokens = await sql<{ id: string }[]>`
    INSERT INTO candidate_tokens (company_id, interview_id, token_hash, candidate_name, max_attempts, current_attempts, is_used)
    SELECT ${companyId}, ${interviewId}, encode(sha256(convert_to(${`${TAG}-${opts.stamp}-`} || g, 'UTF8')), 'hex'), ${TAG}, 1, 1, true
      FROM generate_series(1, ${total}::int) g
    RETURNING id`;
  const sessions = await sql<{ id: string }[]>`
    INSERT INTO interview_sessions (company_id, interview_id, token_id, attempt_number, status, questions, livekit_room, resume_token_hash, ended_at)
    SELECT ${companyId}, ${interviewId}, t, 1, 'completed', ${sql.json(QUESTIONS as never)}, 'bench-pipeline-' || t,
           encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'), now()
      FROM unnest(${tokens.map((t) => t.id)}::uuid[]) AS t
    RETURNING id`;

  const bytes = fs.readFileSync(RECORDING);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const answers = sessions.flatMap((s) =>
    QUESTIONS.map((q) => ({
      sessionId: s.id,
      answer: q.index,
      key: recordingKey({ companyId, sessionId: s.id, questionIndex: q.index }),
    })),
  );
  for (const a of answers) {
    const file = path.join(opts.dataDir, "recordings", a.key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
  }
  const recordings = await sql<{ id: string; session_id: string }[]>`
    INSERT INTO recordings (company_id, session_id, question_index, status, mime_type, size_bytes, sha256, storage_key, duration_ms, ready_at)
    SELECT ${companyId}, s, q, 'uploading', 'video/webm', ${bytes.length}, ${sha256}, k, ${RECORDING_MS}, NULL
      FROM unnest(${answers.map((a) => a.sessionId)}::uuid[], ${answers.map((a) => a.answer)}::int[], ${answers.map((a) => a.key)}::text[]) AS x(s, q, k)
    RETURNING id, session_id`;
  await sql`ANALYZE`; // fresh statistics, so the handlers' queries are not planned against empty-looking tables

  const bySession = new Map<string, { id: string }[]>();
  for (const r of recordings) bySession.set(r.session_id, [...(bySession.get(r.session_id) ?? []), r]);
  const batches: PipelineBatch[] = [];
  let from = 0;
  for (const size of opts.batchSizes) {
    const sessionIds = sessions.slice(from, from + size).map((s) => s.id);
    from += size;
    const mine = sessionIds.flatMap((id) => bySession.get(id) ?? []);
    batches.push({ sessionIds, recordings: mine.map((r) => ({ id: r.id, companyId, take: 0 })) });
  }
  return batches;
}

/** Turns the batch's recordings ready, as finalize does, just before their transcriptions are enqueued. */
export async function releaseBatch(sql: Sql, batch: PipelineBatch): Promise<void> {
  await sql`UPDATE recordings SET status = 'ready', ready_at = now() WHERE id = ANY(${batch.recordings.map((r) => r.id)}::uuid[])`;
}
