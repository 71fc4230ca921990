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
