// `npm run worker`: a background-job worker. Runs every job handler (lib/jobs/handlers.ts), the maintenance that
// retries a crashed worker's jobs, and the schedule (the daily recording purge). Run any number of them beside web
// instances started with WORKER_IN_PROCESS=false; they share the queue on PostgreSQL (SKIP LOCKED). On the embedded
// PGlite only one process may open the database, so this runs only while the server is stopped.
// SIGTERM/SIGINT: jobs in progress get a few seconds to finish (then go back to the queue), and the database closes.
import { closeDb, getDbHandle } from "@/lib/db";
import { env } from "@/lib/env";
import { startJobs, stopJobs } from "@/lib/jobs/runtime";
import { log } from "@/lib/log";
import { startupFailureMessage } from "@/lib/server/startup-failure";

async function main() {
  const { WORKER_CONCURRENCY } = env();
  const handle = await getDbHandle();
  await handle.migrate();
  await startJobs({ workers: true });
  log.info("worker.ready", { database: handle.kind, concurrency: WORKER_CONCURRENCY, pid: process.pid });
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("worker.stopping", { signal });
  await stopJobs().catch((error: unknown) => log.error("jobs.stop_failed", { error }));
  await closeDb();
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

main().catch(async (error: unknown) => {
  console.error(`The worker cannot start.\n${startupFailureMessage(error)}`);
  await closeDb().catch(() => {});
  process.exit(1);
});
