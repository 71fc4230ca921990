import path from "node:path";
import { Piscina } from "piscina";
import { env } from "@/lib/env";

// bcrypt on the request thread starves every other request (a trivial route's p99 went from ~12 ms to 8.5 s with
// 20 logins in flight). A small worker pool keeps the event loop free; BCRYPT_WORKERS trades login throughput
// against the latency of everything else on the same cores.

type Task = { op: "hash"; input: string; cost: number } | { op: "compare"; input: string; hash: string };

const holder = globalThis as unknown as { __aiiBcryptPool?: Piscina };

function pool(): Piscina {
  holder.__aiiBcryptPool ??= new Piscina({
    // A path on disk rather than a bundled module: the worker runs outside the bundler's module graph.
    filename: path.join(process.cwd(), "lib", "auth", "bcrypt-worker.mjs"),
    minThreads: env().BCRYPT_WORKERS,
    maxThreads: env().BCRYPT_WORKERS,
    idleTimeout: 60_000, // ms
  });
  return holder.__aiiBcryptPool;
}

export function runBcrypt(task: Extract<Task, { op: "hash" }>): Promise<string>;
export function runBcrypt(task: Extract<Task, { op: "compare" }>): Promise<boolean>;
export function runBcrypt(task: Task): Promise<string | boolean> {
  return pool().run(task) as Promise<string | boolean>;
}

export async function closeBcryptPool(): Promise<void> {
  const current = holder.__aiiBcryptPool;
  holder.__aiiBcryptPool = undefined;
  await current?.destroy();
}
