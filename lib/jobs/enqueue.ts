import type { z } from "zod";
import type { JobDefinition } from "./define";
import { getBoss } from "./runtime";
import { sendJob, sendJobs, type Enqueued, type EnqueueOptions } from "./send";

export type { Enqueued, EnqueueOptions };

/**
 * Enqueues a job from anywhere in the app (web instances only enqueue; workers run it). Idempotent by the job's key:
 * `enqueue(TRANSCRIBE_RECORDING, { company_id, recording_id })` twice is one job.
 */
export async function enqueue<S extends z.ZodType>(
  definition: JobDefinition<S>,
  payload: z.input<S>,
  options?: EnqueueOptions,
): Promise<Enqueued> {
  return sendJob(await getBoss(), definition, payload, options);
}

/** Enqueues many jobs of one queue in one statement (bulk actions, sweeps); answers their ids, in order. */
export async function enqueueMany<S extends z.ZodType>(
  definition: JobDefinition<S>,
  payloads: readonly z.input<S>[],
): Promise<string[]> {
  return sendJobs(await getBoss(), definition, payloads);
}
