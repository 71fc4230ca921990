import "server-only";
import type PgBoss from "pg-boss";
import { getDbHandle, type DbHandle } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { startBoss, type BossTimings } from "./boss";
import type { JobDefinition } from "./define";
import { JOB_HANDLERS } from "./handlers";
import { ALL_JOBS, PURGE_RECORDINGS } from "./queues";
import type { JobRegistration } from "./registry";
import { sendJob } from "./send";
import { startWorkers } from "./worker";

// The process's job runtime. Every process that enqueues starts one: web instances with WORKER_IN_PROCESS=false
// only enqueue; `npm run worker` and in-process instances also run the workers, maintenance and the schedule.

const STOP_TIMEOUT_MS = 10_000; // a job still running after this is failed on shutdown (and retried like any failure)
const CATCH_UP_DELAY_S = 60; // seconds after a worker starts before its daily catch-up purge

export interface StartJobsOptions {
  /** Run the handlers, maintenance (crashed workers' jobs) and the cron schedule in this process. */
  workers: boolean;
  /** Tests: their own database, handlers, queues and short timings. */
  handle?: DbHandle;
  /** PostgreSQL: where pg-boss connects; by default the database the handle was opened on. */
  connectionString?: string;
  registrations?: readonly JobRegistration[];
  definitions?: readonly JobDefinition[];
  timings?: Partial<BossTimings>;
  concurrency?: number;
  /** Enqueue today's purge a minute after start (the schedule runs it at night, when a dev machine may be off). */
  catchUp?: boolean;
}

export interface JobRuntime {
  boss: PgBoss;
  workers: boolean;
}

// Kept on globalThis so Next dev reloads reuse the running instance.
const holder = globalThis as unknown as { __aiiJobs?: Promise<JobRuntime> };

const uniqueQueues = (definitions: JobDefinition[]) => [...new Map(definitions.map((d) => [d.queue, d])).values()];

async function start(options: StartJobsOptions): Promise<JobRuntime> {
  const handle = options.handle ?? (await getDbHandle());
  const registrations = options.registrations ?? JOB_HANDLERS;
  const boss = await startBoss({
    handle,
    connectionString: options.connectionString,
    supervise: options.workers,
    definitions: uniqueQueues([...(options.definitions ?? ALL_JOBS), ...registrations.map((r) => r.definition)]),
    timings: options.timings,
  });
  if (options.workers) {
    await startWorkers(boss, registrations, {
      concurrency: options.concurrency ?? env().WORKER_CONCURRENCY,
      pollingIntervalSeconds: options.timings?.pollingIntervalSeconds,
    });
    if (options.catchUp ?? true) {
      await sendJob(
        boss,
        PURGE_RECORDINGS,
        { day: new Date().toISOString().slice(0, 10) },
        { startAfterSeconds: CATCH_UP_DELAY_S },
      );
    }
  }
  log.info("jobs.started", { workers: options.workers, database: handle.kind });
  return { boss, workers: options.workers };
}

/** Starts this process's job runtime once; later calls answer the running one. */
export function startJobs(options: StartJobsOptions): Promise<JobRuntime> {
  holder.__aiiJobs ??= start(options).catch((error: unknown) => {
    holder.__aiiJobs = undefined;
    throw error;
  });
  return holder.__aiiJobs;
}

/** The running pg-boss, started enqueue-only if nothing started it yet (scripts, tests). */
export async function getBoss(): Promise<PgBoss> {
  return (await startJobs({ workers: false })).boss;
}

/**
 * Stops workers and the schedule: jobs in progress get up to STOP_TIMEOUT_MS to finish, then are failed, which puts
 * them back in the queue while they have retries left. Call before closing the database.
 */
export async function stopJobs(): Promise<void> {
  const pending = holder.__aiiJobs;
  holder.__aiiJobs = undefined;
  const runtime = await pending?.catch(() => undefined);
  await runtime?.boss.stop({ graceful: true, timeout: STOP_TIMEOUT_MS });
}
