import { env } from "@/lib/env";
import { createMemoryKv } from "./memory";
import type { Kv } from "./types";
import { createUpstashKv } from "./upstash";

export { KvUnavailableError, type Kv, type RateLimitResult, type RateLimitRule } from "./types";

// Kept on globalThis because Next dev re-evaluates modules on every edit; a module-level variable would start a fresh
// (and, for memory, empty) cache each time.
const holder = globalThis as typeof globalThis & { __aiInterviewerKv?: Kv };

/** The process-wide cache: Upstash when configured, otherwise in-process memory. */
export function getKv(): Kv {
  holder.__aiInterviewerKv ??= createKvFromEnv();
  return holder.__aiInterviewerKv;
}

/** Injects a kv for a test; `undefined` makes the next getKv() build one from the environment again. */
export function setKvForTests(kv: Kv | undefined): void {
  holder.__aiInterviewerKv = kv;
}

function createKvFromEnv(): Kv {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = env();
  return url && token ? createUpstashKv({ url, token }) : createMemoryKv();
}
