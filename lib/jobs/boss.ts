import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import { setTimeout as sleep } from "node:timers/promises";
import PgBoss from "pg-boss";
import type { DbHandle } from "@/db";
import { log } from "@/lib/log";
import type { JobDefinition } from "./define";
import { pgliteExecutor } from "./pglite-executor";

// One pg-boss instance per process, on the app's database. PostgreSQL: pg-boss gets its own small pool on the same
// database (its fetches hold row locks with SKIP LOCKED, apart from the app's pool). PGlite: it runs on the app's
// PGlite instance through an executor (pglite-executor.ts), since only one process may open that database.

export const JOB_SCHEMA = "pgboss"; // the Postgres schema pg-boss creates and migrates for itself
const BOSS_POOL_SIZE = 4; // connections per process (fetch loops, maintenance, cron)
// Failed jobs stay in the job table (the dashboard's dead-letter list, retryable) this long before pg-boss archives them.
const FAILED_KEPT_S = 30 * 24 * 60 * 60; // seconds (30 days)

export interface BossTimings {
  /** How often an idle worker asks for a job. pg-boss's minimum is 0.5. */
  pollingIntervalSeconds: number;
  /** How often a supervising instance fails jobs active past their expiry (crashed workers) and archives old ones. */
  maintenanceIntervalSeconds: number;
  /** How often the schedule looks for a cron that is due. */
  cronMonitorIntervalSeconds: number;
  /** How often the schedule's internal queue is polled. */
  cronWorkerIntervalSeconds: number;
}

export const DEFAULT_TIMINGS: BossTimings = {
  pollingIntervalSeconds: 2,
  maintenanceIntervalSeconds: 60,
  cronMonitorIntervalSeconds: 30,
  cronWorkerIntervalSeconds: 5,
};

export interface StartBossOptions {
  handle: DbHandle;
  /** PostgreSQL only: the database pg-boss connects to; by default the one `handle` was opened on. */
  connectionString?: string;
  /** Runs maintenance (expiry of crashed workers' jobs) and the cron schedule: instances that run workers. */
  supervise: boolean;
  definitions: readonly JobDefinition[];
  timings?: Partial<BossTimings>;
}

function connectionFor(options: StartBossOptions): PgBoss.ConstructorOptions {
  if (options.handle.kind === "pglite") {
    // drizzle keeps the client it wraps as $client.
    const client = (options.handle.db as unknown as { $client: PGlite }).$client;
    return { db: pgliteExecutor(client) as PgBoss.Db };
  }
  const connectionString = options.connectionString ?? options.handle.url;
  if (!connectionString) throw new Error("pg-boss on PostgreSQL needs a connection string");
  return { connectionString, max: BOSS_POOL_SIZE, application_name: "ai-interviewer-jobs" };
}

const DEADLOCK = "40P01";
const QUEUE_SETUP_TRIES = 5;

/**
 * Creates (or updates) each queue with its retry policy; idempotent, so every instance runs it as it starts. Instances
 * that boot together race to create the same queues (each a partition of pg-boss's job table), and PostgreSQL settles
 * that race by aborting one of them with a deadlock: that one waits a moment and tries again, and finds the queue made.
 */
export async function ensureQueues(boss: PgBoss, definitions: readonly JobDefinition[]): Promise<void> {
  for (const { queue, policy } of definitions) {
    const options = {
      name: queue,
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelaySeconds,
      retryBackoff: policy.retryBackoff,
      expireInSeconds: policy.expireInSeconds,
    };
    await retryOnDeadlock(`queue ${queue}`, async () => {
      if (!(await boss.getQueue(queue))) await boss.createQueue(queue, options);
      await boss.updateQueue(queue, options);
    });
  }
}

async function retryOnDeadlock(what: string, work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: unknown }).code !== DEADLOCK || attempt >= QUEUE_SETUP_TRIES) throw error;
      log.warn("jobs.setup_deadlock_retried", { what, attempt });
      await sleep(50 + Math.random() * 200 * attempt);
    }
  }
}

/** Starts pg-boss (installing or migrating its schema), then makes sure every queue exists. */
export async function startBoss(options: StartBossOptions): Promise<PgBoss> {
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  const boss = new PgBoss({
    ...connectionFor(options),
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: options.supervise,
    schedule: options.supervise,
    pollingIntervalSeconds: timings.pollingIntervalSeconds,
    maintenanceIntervalSeconds: timings.maintenanceIntervalSeconds,
    cronMonitorIntervalSeconds: timings.cronMonitorIntervalSeconds,
    cronWorkerIntervalSeconds: timings.cronWorkerIntervalSeconds,
    archiveFailedAfterSeconds: FAILED_KEPT_S,
  });
  boss.on("error", (error) => log.error("jobs.error", { error }));
  await boss.start();
  await ensureQueues(boss, options.definitions);
  return boss;
}
