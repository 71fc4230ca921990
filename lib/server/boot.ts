import "server-only";
import http from "node:http";
import { closeDb, getDbHandle } from "@/lib/db";
import { closeBcryptPool } from "@/lib/auth/bcrypt-pool";
import { warmUpPasswordChecks } from "@/lib/auth/password";
import { env } from "@/lib/env";
import { guardRequestBody } from "@/lib/http/body-limit-guard";
import { stampPeerAddress } from "@/lib/http/peer-address";
import { startJobs, stopJobs } from "@/lib/jobs/runtime";
import { closeKv } from "@/lib/kv";
import { log } from "@/lib/log";
import { drain, trackRequest } from "./graceful-shutdown";

const holder = globalThis as unknown as { __aiiBooted?: boolean };

/**
 * Process-level hooks for the Next server:
 * - validates configuration, failing the boot with a readable message;
 * - stamps each request with its socket address (route handlers cannot see the socket);
 * - caps every request body at its route's limit (lib/http/body-limit.ts), streamed, with 413;
 * - opens the database and applies pending migrations (the migrations folder ships with the app);
 * - measures a few bcrypt comparisons, which logins for unknown emails imitate;
 * - starts the background-job queue (pg-boss, lib/jobs): enqueue-only, or with WORKER_IN_PROCESS also the workers
 *   and their schedule (the daily recording-retention purge, the consent's promise);
 * - on SIGTERM/SIGINT (with NEXT_MANUAL_SIG_HANDLE=true) drains requests in flight, stops the job workers (a job
 *   still running is put back in the queue), then closes the bcrypt pool, the cache connection and the database
 *   (PGlite closed cleanly needs no crash recovery on the next start).
 */
export async function installServerHooks(): Promise<void> {
  if (holder.__aiiBooted) return;
  holder.__aiiBooted = true;
  env();

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      stampPeerAddress(req);
      trackRequest(this, res);
      // A declared body over the route's limit is answered 413 here; the app never sees that request.
      if (!guardRequestBody(req, res)) return true;
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;

  const db = await getDbHandle();
  await db.migrate();
  void warmUpPasswordChecks().catch((error: unknown) => log.warn("bcrypt warm-up failed", { error }));
  await startJobs({ workers: env().WORKER_IN_PROCESS });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info("shutting down: draining requests", { signal });
    const { unfinished } = await drain();
    if (unfinished > 0) log.warn("shutdown with requests still running", { unfinished });
    await stopJobs().catch((error: unknown) => log.error("jobs.stop_failed", { error }));
    await Promise.allSettled([closeBcryptPool(), closeKv(), closeDb()]);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
