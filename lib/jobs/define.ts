import { createHash } from "node:crypto";
import type { z } from "zod";

// A job is defined once: its queue, the zod schema of its payload, what it produces (its key) and how it is retried.
// The key makes enqueueing idempotent: the job id is derived from it, so the same work enqueued twice is one job.

export interface JobPolicy {
  /** Attempts after the first; then the job stays `failed` (the dead-letter list) until someone retries it. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** Doubles the delay on each attempt (with jitter). */
  retryBackoff: boolean;
  /** A job still active after this long is taken for a crashed worker's and retried. pg-boss caps it below 24 h. */
  expireInSeconds: number;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  queue: string;
  payload: S;
  /** What one run produces (a recording's transcript: the recording id). Same key, same job. */
  key(payload: z.output<S>): string;
  policy: JobPolicy;
  /**
   * How often an idle fetch loop asks for this queue's next job (pg-boss's default is 2 s, its minimum 0.5 s). A loop
   * also waits out the rest of the interval after each job, so for short jobs this caps a loop's rate.
   */
  pollingIntervalSeconds?: number;
  /** Cron (UTC) on which the workers' schedule enqueues this job with `scheduledPayload`. */
  cron?: string;
  scheduledPayload?: z.input<S>;
}

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/** The deterministic job id of `key` on `queue`: a version-8 UUID (RFC 9562) cut from a SHA-256. */
export function jobIdFor(queue: string, key: string): string {
  const hex = createHash("sha256").update(`${queue}\0${key}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
