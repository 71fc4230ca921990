import type PgBoss from "pg-boss";
import type { z } from "zod";
import { jobIdFor, type JobDefinition } from "./define";

export interface EnqueueOptions {
  /** Seconds before a worker may start the job. */
  startAfterSeconds?: number;
}

export interface Enqueued {
  id: string;
  /** false: a job with the same key was already queued (or ran, and is not yet archived). */
  created: boolean;
}

/**
 * Puts a job on its queue through `boss`. The payload is checked against the queue's schema; the job id is derived
 * from the job's key, so enqueueing the same work twice leaves one job (pg-boss inserts `ON CONFLICT DO NOTHING`).
 */
export async function sendJob<S extends z.ZodType>(
  boss: PgBoss,
  definition: JobDefinition<S>,
  payload: z.input<S>,
  options: EnqueueOptions = {},
): Promise<Enqueued> {
  const data = definition.payload.parse(payload) as z.output<S>;
  const id = jobIdFor(definition.queue, definition.key(data));
  const startAfter = options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {};
  const created = await boss.send(definition.queue, data as object, { id, ...startAfter });
  return { id, created: created !== null };
}

/**
 * Puts many jobs of one queue on it in one statement (pg-boss `insert`): a bulk action enqueues its 500 jobs in one
 * round trip instead of 500. Ids come from the keys as in `sendJob`, and a job already queued is left alone; pg-boss
 * does not say which were new, so this answers every job's id.
 */
export async function sendJobs<S extends z.ZodType>(
  boss: PgBoss,
  definition: JobDefinition<S>,
  payloads: readonly z.input<S>[],
): Promise<string[]> {
  const jobs = payloads.map((payload) => {
    const data = definition.payload.parse(payload) as z.output<S>;
    return { id: jobIdFor(definition.queue, definition.key(data)), name: definition.queue, data: data as object };
  });
  if (jobs.length > 0) await boss.insert(jobs);
  return jobs.map((job) => job.id);
}
