import type PgBoss from "pg-boss";
import type { Sql } from "postgres";
import { JOB_SCHEMA } from "../../lib/jobs/boss";
import { EVALUATE_SESSION, TRANSCRIBE_RECORDING } from "../../lib/jobs/queues";
import { sendJob } from "../../lib/jobs/send";
import { releaseBatch, type PipelineBatch } from "./fixture";

// One batch through the pipeline: every recording's transcription is enqueued at once (as finalize does one by one),
// each session's evaluation follows from its last transcript (lib/ai-pipeline/triggers.ts), and the batch is done
// when every evaluation job completed. Times come from pg-boss's own job rows, on the database's clock: created_on
// (enqueued), started_on (a worker took it), completed_on.

const POLL_MS = 200;
const ENQUEUE_PARALLEL = 4; // the bench's pg-boss pool

export interface JobTimes {
  queue: string;
  createdMs: number;
  startedMs: number;
  completedMs: number;
}

/** Releases the batch's recordings, enqueues their transcriptions, waits for all its jobs and answers their times. */
export async function runBatch(opts: {
  sql: Sql;
  boss: PgBoss;
  batch: PipelineBatch;
  timeoutMs: number;
}): Promise<JobTimes[]> {
  const { sql, batch } = opts;
  await releaseBatch(sql, batch);
  const pending = [...batch.recordings];
  await Promise.all(
    Array.from({ length: ENQUEUE_PARALLEL }, async () => {
      for (let r = pending.shift(); r; r = pending.shift()) {
        await sendJob(opts.boss, TRANSCRIBE_RECORDING, { company_id: r.companyId, recording_id: r.id, take: r.take });
      }
    }),
  );
  const expected = batch.recordings.length + batch.sessionIds.length;
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const rows = await jobRows(sql, batch);
    const broken = rows.filter(
      (r) => r.state !== "completed" && (r.retry_count > 0 || ["retry", "failed", "cancelled"].includes(r.state)),
    );
    if (broken.length > 0) {
      const first = broken[0]!;
      throw new Error(
        `${broken.length} job(s) failed, e.g. ${first.name} ${first.state}: ${JSON.stringify(first.output)?.slice(0, 300)}`,
      );
    }
    const completed = rows.filter((r) => r.state === "completed");
    if (completed.length === expected) {
      return completed.map((r) => ({
        queue: r.name,
        createdMs: Number(r.created_ms),
        startedMs: Number(r.started_ms),
        completedMs: Number(r.completed_ms),
      }));
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${completed.length} of ${expected} jobs completed after ${opts.timeoutMs / 1000} s (BENCH_PIPELINE_TIMEOUT_S)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

interface JobRow {
  name: string;
  state: string;
  retry_count: number;
  output: unknown;
  created_ms: number;
  started_ms: number | null;
  completed_ms: number | null;
}

function jobRows(sql: Sql, batch: PipelineBatch): Promise<JobRow[]> {
  return sql<JobRow[]>`
    SELECT name, state, retry_count, output,
           (extract(epoch FROM created_on) * 1000)::float8 AS created_ms,
           (extract(epoch FROM started_on) * 1000)::float8 AS started_ms,
           (extract(epoch FROM completed_on) * 1000)::float8 AS completed_ms
      FROM ${sql(JOB_SCHEMA)}.job
     WHERE (name = ${TRANSCRIBE_RECORDING.queue} AND data->>'recording_id' = ANY(${batch.recordings.map((r) => r.id)}::text[]))
        OR (name = ${EVALUATE_SESSION.queue} AND data->>'session_id' = ANY(${batch.sessionIds}::text[]))`;
}

/** What the batch left in the app's tables: one transcript per answer, one completed evaluation per session. */
export async function writtenBy(
  sql: Sql,
  batch: PipelineBatch,
): Promise<{ transcripts: number; evaluations: number; answerEvaluations: number }> {
  const [row] = await sql<{ transcripts: number; evaluations: number; answer_evaluations: number }[]>`
    SELECT (SELECT count(*)::int FROM transcripts WHERE session_id = ANY(${batch.sessionIds}::uuid[])) AS transcripts,
           (SELECT count(*)::int FROM evaluations WHERE session_id = ANY(${batch.sessionIds}::uuid[]) AND status = 'completed') AS evaluations,
           (SELECT count(*)::int FROM answer_evaluations a JOIN evaluations e ON e.id = a.evaluation_id
             WHERE e.session_id = ANY(${batch.sessionIds}::uuid[])) AS answer_evaluations`;
  return { transcripts: row!.transcripts, evaluations: row!.evaluations, answerEvaluations: row!.answer_evaluations };
}
