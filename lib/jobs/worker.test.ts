import type PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob } from "./define";
import { EVALUATE_SESSION, PURGE_RECORDINGS, TRANSCRIBE_RECORDING } from "./queues";
import { jobHandler } from "./registry";
import { startWorkers } from "./worker";

/** A pg-boss stand-in that records the options each fetch loop is started with. */
function recordingBoss() {
  const loops: { queue: string; options: Record<string, unknown> }[] = [];
  const boss = {
    work: async (queue: string, options: Record<string, unknown>) => void loops.push({ queue, options }),
    schedule: async () => undefined,
  } as unknown as PgBoss;
  return { boss, loops };
}

const noop = async () => undefined;

describe("worker fetch loops", () => {
  it("poll the AI queues every half second, the others at pg-boss's default, and a caller's interval wins", async () => {
    const plain = defineJob({
      queue: "plain",
      payload: z.object({}),
      key: () => "k",
      policy: { retryLimit: 0, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 60 },
    });
    const registrations = [
      jobHandler(TRANSCRIBE_RECORDING, noop),
      jobHandler(EVALUATE_SESSION, noop),
      jobHandler(PURGE_RECORDINGS, noop),
      jobHandler(plain, noop),
    ];
    const { boss, loops } = recordingBoss();
    await startWorkers(boss, registrations, { concurrency: 2 });
    const interval = (queue: string) =>
      loops.filter((l) => l.queue === queue).map((l) => l.options.pollingIntervalSeconds);
    expect(interval("transcribe-recording")).toEqual([0.5, 0.5]);
    expect(interval("evaluate-session")).toEqual([0.5, 0.5]);
    // Absent, not undefined: pg-boss checks `'pollingIntervalSeconds' in options`.
    expect(
      loops.filter((l) => l.queue === "purge-recordings").every((l) => !("pollingIntervalSeconds" in l.options)),
    ).toBe(true);
    expect(loops.filter((l) => l.queue === "plain")).toHaveLength(2);

    const fast = recordingBoss();
    await startWorkers(fast.boss, registrations, { concurrency: 1, pollingIntervalSeconds: 0.75 });
    expect(fast.loops.map((l) => l.options.pollingIntervalSeconds)).toEqual([0.75, 0.75, 0.75, 0.75]);
  });
});
