import http from "node:http";
import { closeDb, getDbHandle } from "@/db";
import { closeBcryptPool } from "@/lib/auth/bcrypt-pool";
import { dummyVerify } from "@/lib/auth/password";
import { env } from "@/lib/env";
import { stampPeerAddress } from "@/lib/http/peer-address";
import { log } from "@/lib/log";
import { scheduleRetention } from "@/lib/recordings/retention";
import { drain, trackRequest } from "./graceful-shutdown";

const holder = globalThis as unknown as { __aiiBooted?: boolean };

/**
 * Process-level hooks for the Next server:
 * - validates configuration, failing the boot with a readable message;
 * - stamps each request with its socket address (route handlers cannot see the socket);
 * - opens the database and warms the dummy bcrypt hash so the first login is not slower than the rest;
 * - schedules the daily recording-retention purge (the consent's promise);
 * - on SIGTERM/SIGINT (with NEXT_MANUAL_SIG_HANDLE=true) drains requests in flight, then closes the bcrypt pool and
 *   the database (PGlite closed cleanly needs no crash recovery on the next start).
 */
export async function installServerHooks(): Promise<void> {
  if (holder.__aiiBooted) return;
  holder.__aiiBooted = true;
  env();

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      stampPeerAddress(args[0] as http.IncomingMessage);
      trackRequest(this, args[1] as http.ServerResponse);
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;

  await getDbHandle();
  void dummyVerify("warm-up").catch((error: unknown) => log.warn("bcrypt warm-up failed", { error }));
  scheduleRetention();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info("shutting down: draining requests", { signal });
    const { unfinished } = await drain();
    if (unfinished > 0) log.warn("shutdown with requests still running", { unfinished });
    await Promise.allSettled([closeBcryptPool(), closeDb()]);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
