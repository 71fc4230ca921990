import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "@/db";
import { rowsOf } from "@/db/rows";
import { useTempDataDir } from "@/test/kits/recordings";
import { useTestDb } from "@/test/use-test-db";
import { ensureQueues, startBoss } from "./boss";
import { jobIdFor } from "./define";
import { enqueue } from "./enqueue";
import { listFailedJobs, retryFailedJob } from "./failed";
import { PermanentJobError } from "./permanent";
import { JOB_HANDLERS } from "./handlers";
import { PURGE_RECORDINGS, SEND_INVITE_REMINDERS, SWEEP_AI_PIPELINE, SWEEP_EMAIL } from "./queues";
import { jobHandler, type JobContext } from "./registry";
import { startJobs, stopJobs, type JobRuntime } from "./runtime";
import { FAST_TIMINGS, testJob, waitFor } from "@/test/kits/jobs";
import { startWorkers } from "./worker";

const fixture = useTestDb();
useTempDataDir(); // the purge job runs here against a throwaway DATA_DIR
const ROOT = path.resolve(import.meta.dirname, "../..");
// node with tsx's loader, not the tsx CLI: the CLI runs the script in a child process, which SIGKILL would not reach.
const runTs = (script: string) =>
  [process.execPath, ["--import", "tsx", "--import", "./scripts/register-server-only.mjs", script]] as const;
const onPostgres = Boolean(process.env.DATABASE_URL);

// Child processes start slowly on a loaded machine (PGlite's first open alone can take seconds).
const CHILD_START_MS = 60_000;
const CHILD_TEST_MS = 90_000;

let companyId: string;
const payload = (key: string) => ({ company_id: companyId, key });

const once = testJob("once");
const onceRuns: string[] = [];

const flaky = testJob("flaky", { retryLimit: 2 });
const flakyRuns: JobContext[] = [];
let flakyFixed = false;

const doomed = testJob("permanent", { retryLimit: 3 });
const doomedRuns: JobContext[] = [];

let runtime: JobRuntime;
let connectionString: string | undefined;

const stateOf = async (queue: string, id: string) => (await runtime.boss.getJobById(queue, id))?.state;

beforeAll(async () => {
  companyId = fixture.people["hr@nextgenai.com"]!.companyId;
  connectionString = fixture.db.url;
  runtime = await startJobs({
    workers: true,
    handle: fixture.db,
    registrations: [
      ...JOB_HANDLERS,
      jobHandler(once, async (p) => {
        onceRuns.push(p.key);
      }),
      jobHandler(flaky, async (_p, ctx) => {
        flakyRuns.push(ctx);
        if (!flakyFixed) throw new Error("transcription provider unavailable");
      }),
      jobHandler(doomed, async (_p, ctx) => {
        doomedRuns.push(ctx);
        throw new PermanentJobError("unsupported audio codec");
      }),
    ],
    timings: FAST_TIMINGS,
    concurrency: 2, // two fetch loops per queue in this process: "runs once" is not an accident of one loop
  });
});

afterAll(async () => {
  await stopJobs();
});

describe("jobs on pg-boss", () => {
  it("a job enqueued twice with the same key is one job and runs once", async () => {
    const [first, second] = await Promise.all([enqueue(once, payload("rec-1")), enqueue(once, payload("rec-1"))]);
    expect(first.id).toBe(second.id);
    expect(first.id).toBe(jobIdFor(once.queue, "rec-1"));
    expect([first.created, second.created].sort()).toEqual([false, true]);
    await waitFor(async () => (await stateOf(once.queue, first.id)) === "completed", "the job to complete");
    // Enqueued again once it ran: still the same job, not a second run.
    expect(await enqueue(once, payload("rec-1"))).toEqual({ id: first.id, created: false });
    const other = await enqueue(once, payload("rec-2"));
    await waitFor(async () => (await stateOf(once.queue, other.id)) === "completed", "another key's job to complete");
    expect(onceRuns).toEqual(["rec-1", "rec-2"]);
  });

  it("refuses a payload that does not match the queue's schema", async () => {
    await expect(enqueue(once, { company_id: "not-a-uuid", key: "x" })).rejects.toThrow();
  });

  it("a handler that throws is retried, then listed as failed for its company only; a retry requeues it", async () => {
    const { id } = await enqueue(flaky, payload("rec-flaky"));
    await waitFor(async () => (await stateOf(flaky.queue, id)) === "failed", "the job to fail", 20_000);
    expect(flakyRuns.map((r) => r.retryCount)).toEqual([0, 1, 2]);

    const db = fixture.db.db;
    const { items, total } = await listFailedJobs(db, { companyId, skip: 0, limit: 10 });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      id,
      queue: flaky.queue,
      error: "transcription provider unavailable",
      retryCount: 2,
      payload: payload("rec-flaky"),
    });
    expect((await listFailedJobs(db, { companyId: randomUUID(), skip: 0, limit: 10 })).total).toBe(0);

    flakyFixed = true;
    const hr = fixture.people["hr@nextgenai.com"]!;
    const actor = { userId: hr.id, companyId, role: "HR" } as Parameters<typeof retryFailedJob>[1]["actor"];
    await expect(retryFailedJob(db, { actor: { ...actor, companyId: randomUUID() }, jobId: id })).rejects.toMatchObject(
      { status: 404 },
    );
    await retryFailedJob(db, { actor, jobId: id });
    await waitFor(async () => (await stateOf(flaky.queue, id)) === "completed", "the retried job to complete");
    expect(flakyRuns).toHaveLength(4);
    expect((await listFailedJobs(db, { companyId, skip: 0, limit: 10 })).total).toBe(0);
  });

  it("a PermanentJobError skips the remaining retries; a person's retry allows one more attempt", async () => {
    const { id } = await enqueue(doomed, payload("rec-doomed"));
    await waitFor(async () => (await stateOf(doomed.queue, id)) === "failed", "the job to fail at once");
    expect(doomedRuns.map((r) => [r.retryCount, r.retryLimit])).toEqual([[0, 3]]);
    const hr = fixture.people["hr@nextgenai.com"]!;
    await retryFailedJob(fixture.db.db, {
      actor: { userId: hr.id, companyId, role: "HR" } as Parameters<typeof retryFailedJob>[1]["actor"],
      jobId: id,
    });
    await waitFor(
      async () => doomedRuns.length === 2 && (await stateOf(doomed.queue, id)) === "failed",
      "the retried job to fail again",
    );
    expect(doomedRuns[1]).toMatchObject({ retryCount: 1, retryLimit: 1 });
  });

  it("a worker that dies holding a job: the job expires and another worker runs it again", async () => {
    const crashy = testJob("crash", { expireInSeconds: 1, retryLimit: 1 });
    const dying = await startBoss({
      handle: fixture.db,
      connectionString,
      supervise: false,
      definitions: [crashy],
      timings: FAST_TIMINGS,
    });
    const { id } = await enqueue(crashy, payload("rec-crash"));
    const [taken] = await dying.fetch(crashy.queue);
    expect(taken?.id).toBe(id);
    // The process is gone: nothing completes or fails the job; only its expiry can free it.
    await dying.stop({ graceful: false, close: true });

    const reruns: JobContext[] = [];
    await startWorkers(runtime.boss, [jobHandler(crashy, async (_p, ctx) => void reruns.push(ctx))], {
      concurrency: 1,
      pollingIntervalSeconds: 0.5,
    });
    await waitFor(async () => (await stateOf(crashy.queue, id)) === "completed", "the expired job to run again");
    expect(reruns.map((r) => [r.jobId, r.retryCount])).toEqual([[id, 1]]);
  });

  it.runIf(onPostgres)(
    "a worker process killed mid-job (SIGKILL): its job runs again elsewhere after expiry",
    async () => {
      const crashy = testJob("sigkill", { expireInSeconds: 2, retryLimit: 1 });
      await ensureQueues(runtime.boss, [crashy]);
      const { id } = await enqueue(crashy, payload("rec-sigkill"));
      const child = spawn(...runTs("test/fixtures/hanging-worker.ts"), {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: connectionString, JOB_QUEUE: crashy.queue, LOG_LEVEL: "error" },
        stdio: ["ignore", "pipe", "inherit"],
      });
      try {
        await waitFor(
          async () => output(child).includes(`"started":"${id}"`),
          "the child to take the job",
          CHILD_START_MS,
        );
        child.kill("SIGKILL");
        await new Promise((resolve) => child.once("exit", resolve));
      } finally {
        child.kill("SIGKILL");
      }
      expect(await stateOf(crashy.queue, id)).toBe("active");

      const reruns: JobContext[] = [];
      await startWorkers(runtime.boss, [jobHandler(crashy, async (_p, ctx) => void reruns.push(ctx))], {
        concurrency: 1,
        pollingIntervalSeconds: 0.5,
      });
      await waitFor(async () => (await stateOf(crashy.queue, id)) === "completed", "the job to run again after expiry");
      expect(reruns.map((r) => [r.jobId, r.retryCount])).toEqual([[id, 1]]);
    },
    CHILD_TEST_MS,
  );

  it("the schedule registers the daily purge, a worker queues today's catch-up run, and the purge runs as a job", async () => {
    const schedules = await runtime.boss.getSchedules();
    expect(schedules.find((s) => s.name === PURGE_RECORDINGS.queue)).toMatchObject({
      cron: "17 3 * * *",
      timezone: "UTC",
    });
    const today = new Date().toISOString().slice(0, 10);
    const catchUp = await runtime.boss.getJobById(
      PURGE_RECORDINGS.queue,
      jobIdFor(PURGE_RECORDINGS.queue, `day:${today}`),
    );
    expect(catchUp?.state).toBe("created");
    expect(new Date(catchUp!.startAfter).getTime()).toBeGreaterThan(Date.now());

    const { id } = await enqueue(PURGE_RECORDINGS, { day: "2000-01-01" });
    await waitFor(async () => (await stateOf(PURGE_RECORDINGS.queue, id)) === "completed", "the purge job to complete");
  });
});

const outputs = new WeakMap<ChildProcess, string>();
function output(child: ChildProcess): string {
  if (!outputs.has(child)) {
    outputs.set(child, "");
    child.stdout?.on("data", (chunk: Buffer) => outputs.set(child, outputs.get(child)! + chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => outputs.set(child, outputs.get(child)! + chunk.toString()));
  }
  return outputs.get(child)!;
}

describe("npm run worker (scripts/worker.ts)", () => {
  it(
    "starts the workers and the schedule, and stops cleanly on SIGTERM",
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aii-worker-"));
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATA_DIR: dataDir,
        LOG_LEVEL: "info",
        NODE_ENV: "production",
        LOCAL_DEMO: "true",
      };
      if (connectionString) env.DATABASE_URL = connectionString;
      else delete env.DATABASE_URL; // PGlite in its own folder: the test's in-memory database is not shareable
      const child = spawn(...runTs("scripts/worker.ts"), { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
      try {
        await waitFor(
          async () => output(child).includes('"message":"worker.ready"'),
          "the worker to start",
          CHILD_START_MS,
        );
        const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
        child.kill("SIGTERM");
        expect(await exited).toBe(0);
        expect(output(child)).toContain('"message":"worker.stopping"');
      } finally {
        child.kill("SIGKILL");
      }
      if (!connectionString) {
        // The folder is free again and its database opens: the worker released the lock and closed PGlite.
        const reopened = await openPglite(path.join(dataDir, "pglite"));
        const rows = rowsOf<{ name: string; cron: string }>(
          await reopened.db.execute(sql`SELECT name, cron FROM pgboss.schedule ORDER BY name`),
        );
        await reopened.close();
        expect(rows).toEqual([
          { name: PURGE_RECORDINGS.queue, cron: "17 3 * * *" },
          { name: SEND_INVITE_REMINDERS.queue, cron: "*/5 * * * *" },
          { name: SWEEP_AI_PIPELINE.queue, cron: "*/5 * * * *" },
          { name: SWEEP_EMAIL.queue, cron: "* * * * *" },
        ]);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    CHILD_TEST_MS,
  );
});
