import "server-only";
import path from "node:path";
import { Piscina } from "piscina";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// bcrypt on the request thread starves every other request (a trivial route's p99 went from ~12 ms to 8.5 s with
// 20 logins in flight). A small worker pool keeps the event loop free; BCRYPT_WORKERS trades login throughput
// against the latency of everything else on the same cores.
//
// The queue is bounded: at ~3 hashes per second per worker, a longer queue only makes every login wait seconds
// behind a burst (guessing or not). Past the bound a login answers 503 with Retry-After instead.

const QUEUE_PER_WORKER = 16; // waiting tasks per worker thread, about 5 s of work
const BUSY_RETRY_AFTER_S = 5;

type Task = { op: "hash"; input: string; cost: number } | { op: "compare"; input: string; hash: string };

const holder = globalThis as unknown as { __aiiBcryptPool?: Piscina; __aiiBcryptPending?: number };

function pool(): Piscina {
  const workers = env().BCRYPT_WORKERS;
  holder.__aiiBcryptPool ??= new Piscina({
    // A path on disk rather than a bundled module: the worker runs outside the bundler's module graph.
    filename: path.join(process.cwd(), "lib", "auth", "bcrypt-worker.mjs"),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000, // ms
  });
  return holder.__aiiBcryptPool;
}

/**
 * Throws the pool's 503 when its queue is full. Also called by logins that spend no bcrypt at all (unknown emails,
 * see password.ts), so that a full queue answers every login alike and a 503 never tells which emails exist.
 */
export function assertBcryptCapacity(): void {
  // Counted here rather than with piscina's maxQueue, which does not count abortable tasks (those given a signal).
  if ((holder.__aiiBcryptPending ?? 0) >= env().BCRYPT_WORKERS * (QUEUE_PER_WORKER + 1)) {
    throw new AppError("UNAVAILABLE", "Sign-in is busy; try again shortly", { retryAfterSeconds: BUSY_RETRY_AFTER_S });
  }
}

async function run(task: Task, signal?: AbortSignal): Promise<unknown> {
  assertBcryptCapacity();
  holder.__aiiBcryptPending = (holder.__aiiBcryptPending ?? 0) + 1;
  try {
    return await pool().run(task, { signal });
  } catch (error) {
    if ((error as Error)?.name === "AbortError" && signal?.aborted)
      throw new AppError("BAD_REQUEST", "Request cancelled");
    throw error;
  } finally {
    holder.__aiiBcryptPending = (holder.__aiiBcryptPending ?? 1) - 1;
  }
}

/** `signal`: a task whose client has gone away is dropped from the queue instead of costing a bcrypt run. */
export function runBcrypt(task: Extract<Task, { op: "hash" }>, signal?: AbortSignal): Promise<string>;
export function runBcrypt(task: Extract<Task, { op: "compare" }>, signal?: AbortSignal): Promise<boolean>;
export function runBcrypt(task: Task, signal?: AbortSignal): Promise<unknown> {
  return run(task, signal);
}

/** Waits for queued work to finish, then stops the threads. */
export async function closeBcryptPool(): Promise<void> {
  const current = holder.__aiiBcryptPool;
  holder.__aiiBcryptPool = undefined;
  await current?.close();
}
