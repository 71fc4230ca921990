import type PgBoss from "pg-boss";
import { log } from "@/lib/log";
import { JOB_SCHEMA } from "./boss";
import { PermanentJobError } from "./permanent";
import type { JobRegistration } from "./registry";

// Runs the handlers: `concurrency` fetch loops per queue, each taking one job at a time (SKIP LOCKED, so any number
// of processes share a queue without running a job twice), and registers the cron schedules.

export interface WorkerOptions {
  concurrency: number;
  pollingIntervalSeconds?: number;
}

/**
 * Spends the rest of an active job's retries, so that the failure pg-boss records next is final (`failed`, the
 * dead-letter list). A person's retry from there allows one more attempt, as for any failed job.
 */
async function endRetries(boss: PgBoss, job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
  await boss
    .getDb()
    .executeSql(
      `UPDATE ${JOB_SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2 AND state = 'active'`,
      [job.name, job.id],
    );
}

async function runJob(
  boss: PgBoss,
  registration: JobRegistration,
  job: PgBoss.JobWithMetadata<unknown>,
): Promise<void> {
  const { definition, handler } = registration;
  const context = { jobId: job.id, queue: job.name, retryCount: job.retryCount, retryLimit: job.retryLimit };
  try {
    // A payload that does not parse fails like any error: retried, then listed as failed with the reason.
    await handler(definition.payload.parse(job.data), context);
  } catch (error) {
    const permanent = error instanceof PermanentJobError;
    log.warn("job.failed", { ...context, permanent, error });
    if (permanent) await endRetries(boss, job);
    throw error;
  }
}

export async function startWorkers(
  boss: PgBoss,
  registrations: readonly JobRegistration[],
  options: WorkerOptions,
): Promise<void> {
  for (const registration of registrations) {
    const { queue, cron, scheduledPayload } = registration.definition;
    // pg-boss checks `'pollingIntervalSeconds' in options`: an undefined value must not be there at all.
    const interval = options.pollingIntervalSeconds ?? registration.definition.pollingIntervalSeconds;
    const polling = interval ? { pollingIntervalSeconds: interval } : {};
    const workOptions = { batchSize: 1, includeMetadata: true as const, ...polling };
    for (let i = 0; i < options.concurrency; i++) {
      await boss.work<unknown>(queue, workOptions, async ([job]) => {
        if (job) await runJob(boss, registration, job);
      });
    }
    if (cron) await boss.schedule(queue, cron, (scheduledPayload ?? {}) as object, { tz: "UTC" });
  }
}
