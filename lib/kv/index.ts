import "server-only";
import { env } from "@/lib/env";
import { createMemoryKv } from "./memory";
import { createRedisKv } from "./redis";
import type { Kv } from "./types";
import { createUpstashKv } from "./upstash";

export { KvUnavailableError, type Kv, type RateLimitResult, type RateLimitRule } from "./types";

// Kept on globalThis because Next dev re-evaluates modules on every edit; a module-level variable would start a fresh
// (and, for memory, empty) cache each time, and for Redis a new connection.
const holder = globalThis as typeof globalThis & { __aiInterviewerKv?: Kv };

/** The process-wide cache: plain Redis or Upstash when configured, otherwise in-process memory. */
export function getKv(): Kv {
  holder.__aiInterviewerKv ??= createKvFromEnv();
  return holder.__aiInterviewerKv;
}

/** Injects a kv for a test; `undefined` makes the next getKv() build one from the environment again. */
export function setKvForTests(kv: Kv | undefined): void {
  holder.__aiInterviewerKv = kv;
}

/** Closes the process-wide cache on shutdown, if one was opened; a later getKv() would open a new one. */
export async function closeKv(): Promise<void> {
  const kv = holder.__aiInterviewerKv;
  holder.__aiInterviewerKv = undefined;
  await kv?.close();
}

function createKvFromEnv(): Kv {
  // lib/env.ts refuses REDIS_URL together with the Upstash pair, so at most one of them is set.
  const { REDIS_URL, UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = env();
  if (REDIS_URL) return createRedisKv({ url: REDIS_URL });
  return url && token ? createUpstashKv({ url, token }) : createMemoryKv();
}
