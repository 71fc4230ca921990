import "server-only";
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { assertBcryptCapacity, runBcrypt } from "./bcrypt-pool";
import { CompareTimings } from "./compare-timings";

// bcrypt reads only the first 72 bytes. Pre-hashing with SHA-256 (base64: 44 ASCII bytes, no NUL) makes every
// byte of a long password count.
export function prehash(password: string): string {
  return createHash("sha256").update(password, "utf8").digest("base64");
}

export function hashPassword(password: string, cost = env().BCRYPT_COST): Promise<string> {
  return runBcrypt({ op: "hash", input: prehash(password), cost });
}

const holder = globalThis as unknown as {
  __aiiDummyHash?: Promise<string>;
  __aiiCompareTimings?: CompareTimings;
  __aiiTimingRefresh?: boolean;
};
const timings = () => (holder.__aiiCompareTimings ??= new CompareTimings());

/** A real comparison in the bcrypt pool; its duration (queue wait included) is what unknown emails imitate. */
export async function verifyPassword(password: string, hash: string, signal?: AbortSignal): Promise<boolean> {
  const started = performance.now();
  const matches = await runBcrypt({ op: "compare", input: prehash(password), hash }, signal);
  timings().record(performance.now() - started, Date.now());
  return matches;
}

/**
 * Stands in for the comparison of an unknown email, so response timing does not reveal which addresses have
 * accounts. It waits for a duration drawn from recent real comparisons instead of running one: a dummy bcrypt run
 * per unknown email let anyone fill the bcrypt queue with random addresses (a few per second) and lock real users
 * out with 503s. A wait costs no CPU and takes no queue slot. When the measurements are stale (no real logins for a
 * minute), one unknown email at a time runs a real comparison against a throwaway hash, which measures afresh: at
 * most a handful of bcrypt runs a minute, whatever the flood. When the queue is full it answers the same 503 a real
 * comparison would.
 */
export async function dummyVerify(password: string, signal?: AbortSignal): Promise<false> {
  const now = Date.now();
  const refresh = timings().isStale(now) && !holder.__aiiTimingRefresh;
  if (refresh || timings().size === 0) {
    if (refresh) holder.__aiiTimingRefresh = true;
    try {
      await compareWithThrowawayHash(password, signal);
    } finally {
      if (refresh) holder.__aiiTimingRefresh = false;
    }
    return false;
  }
  const delayMs = timings().sample(now)!;
  assertBcryptCapacity();
  try {
    await sleep(delayMs, undefined, { signal });
  } catch (error) {
    if (signal?.aborted) throw new AppError("BAD_REQUEST", "Request cancelled");
    throw error;
  }
  return false;
}

async function compareWithThrowawayHash(password: string, signal?: AbortSignal): Promise<void> {
  holder.__aiiDummyHash ??= hashPassword("dummy password that never matches anything");
  await verifyPassword(password, await holder.__aiiDummyHash, signal);
}

/** At boot: measures enough real comparisons, one after another, for dummyVerify to imitate from the first login. */
export async function warmUpPasswordChecks(): Promise<void> {
  while (timings().isStale(Date.now())) await compareWithThrowawayHash("warm-up");
}

/** For tests: forget the measured durations, as after a restart. */
export function resetCompareTimingsForTests(): void {
  holder.__aiiCompareTimings = undefined;
  holder.__aiiTimingRefresh = undefined;
}
