import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import type { BossTimings } from "@/lib/jobs/boss";
import { defineJob, type JobPolicy } from "@/lib/jobs/define";
import { TenantPayload } from "@/lib/jobs/queues";

// Shared by the job tests: short timings and throwaway queues.

/** pg-boss's minimums: a crashed worker's job is expired within about a second of its expiry. */
export const FAST_TIMINGS: BossTimings = {
  pollingIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 1,
  cronMonitorIntervalSeconds: 1,
  cronWorkerIntervalSeconds: 1,
};

/** A queue of its own for one test, with a tenant payload keyed by `key`. */
export function testJob(label: string, policy: Partial<JobPolicy> = {}) {
  return defineJob({
    queue: `test-${label}-${randomUUID().slice(0, 8)}`,
    payload: TenantPayload.extend({ key: z.string().min(1) }),
    key: (p) => p.key,
    policy: { retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 60, ...policy },
  });
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until `queue` holds no job that is waiting, due for a retry or running (the workers finished its work). */
export async function drainQueue(boss: PgBoss, queue: string, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    async () => (await boss.getQueueSize(queue, { before: "completed" })) === 0,
    `the ${queue} queue to drain`,
    timeoutMs,
  );
}
