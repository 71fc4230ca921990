import type { z } from "zod";
import type { JobDefinition } from "./define";

// A handler does the work of one job. Jobs are retried (after a crash, a timeout or a thrown error), so a handler
// must be idempotent: check whether what it produces already exists and skip, never do the work twice. A failure that
// retrying cannot fix throws PermanentJobError (./permanent): the job goes to the failed list at once.

export interface JobContext {
  jobId: string;
  queue: string;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Attempts allowed after the first: `retryCount >= retryLimit` is the last attempt before the failed list. */
  retryLimit: number;
}

export type JobHandler<S extends z.ZodType> = (payload: z.output<S>, ctx: JobContext) => Promise<void>;

export interface JobRegistration {
  definition: JobDefinition;
  handler: JobHandler<z.ZodType>;
}

/** Pairs a job definition with its handler, typed by the definition's payload schema. */
export function jobHandler<S extends z.ZodType>(definition: JobDefinition<S>, handler: JobHandler<S>): JobRegistration {
  return { definition: definition as unknown as JobDefinition, handler: handler as JobHandler<z.ZodType> };
}
