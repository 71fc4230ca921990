import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import PgBoss from "pg-boss";
import postgres, { type Sql } from "postgres";
import { DEFAULT_TIMINGS, JOB_SCHEMA, ensureQueues } from "../../lib/jobs/boss";
import { ALL_JOBS, TRANSCRIBE_RECORDING } from "../../lib/jobs/queues";
import { startDemoProvider } from "../../test/ai-server/demo-provider";
import type { AiTestServer } from "../../test/ai-server/server";
import { num } from "../load";
import { machine, type Machine } from "../report";
import { runStep } from "../server";
import { adminUrl, createThrowawayDatabase, type ThrowawayDatabase } from "../start-session/database";
import { makePipelineFixture, type PipelineBatch } from "./fixture";
import { pipelineRatios, runFigures, type PipelineRatios, type RunConfig, type RunFigures } from "./figures";
import { runBatch, writtenBy } from "./measure";
import { findFfmpeg, readFfmpegTimes, startWorker, writeTimedFfmpeg, type WorkerProcess } from "./workers";

// Transcribe + evaluate jobs per second through the real queue, handlers and worker processes, against the scripted
// demo provider answering every call after a fixed latency: one worker process, two, and one with no latency at all
// (what is left is the pipeline's own cost). Each run gets fresh sessions, its own provider and freshly started
// workers, which first drain a small warm-up batch (module loading, connection pools, the first ffmpeg).

const SESSIONS = num("BENCH_PIPELINE_SESSIONS", 40);
const LATENCY_MS = num("BENCH_PIPELINE_LATENCY_MS", 200); // ms the demo provider waits before each answer
const CONCURRENCY = num("BENCH_PIPELINE_CONCURRENCY", 4); // WORKER_CONCURRENCY of each worker process
const TIMEOUT_MS = num("BENCH_PIPELINE_TIMEOUT_S", Math.max(180, 6 * SESSIONS)) * 1000; // per batch
const API_KEY = "bench-pipeline"; // the demo provider takes any key
// The transcribe queue's own interval when it sets one (lib/jobs/queues.ts), else pg-boss's default in scripts/worker.ts.
const POLLING_MS = (TRANSCRIBE_RECORDING.pollingIntervalSeconds ?? DEFAULT_TIMINGS.pollingIntervalSeconds) * 1000;

const RUNS: RunConfig[] = [
  { label: `1 process, ${LATENCY_MS} ms provider`, processes: 1, concurrency: CONCURRENCY, latencyMs: LATENCY_MS },
  { label: `2 processes, ${LATENCY_MS} ms provider`, processes: 2, concurrency: CONCURRENCY, latencyMs: LATENCY_MS },
  { label: "1 process, 0 ms provider", processes: 1, concurrency: CONCURRENCY, latencyMs: 0 },
];
// Enough to give every fetch loop of every process a job or two before the measured batch.
const warmUpSessions = (run: RunConfig) => run.processes * run.concurrency;

export interface PipelineReport {
  skipped?: string;
  database?: string;
  machine?: Machine;
  loadAverage?: { start: number; end: number };
  sessions?: number;
  latencyMs?: number;
  concurrency?: number;
  pollingIntervalMs?: number;
  runs: RunFigures[];
  ratios?: PipelineRatios;
  problems: string[];
}

// Everything the scenario holds, so that stopPipeline() can release it from a signal handler too.
const held: {
  workers: WorkerProcess[];
  provider?: AiTestServer;
  boss?: PgBoss;
  sql?: Sql;
  database?: ThrowawayDatabase;
  tempDir?: string;
} = { workers: [] };

export async function benchPipeline(opts: {
  root: string;
  stamp: string;
  baseEnv: NodeJS.ProcessEnv;
  logFile: string;
}): Promise<PipelineReport> {
  const ffmpeg = findFfmpeg(opts.baseEnv.TRANSCRIBE_FFMPEG_PATH);
  if (!ffmpeg) return skip("no ffmpeg to decode the recordings (install it or set TRANSCRIBE_FFMPEG_PATH)");
  // A database of its own, never DATABASE_URL: its workers would run that database's queued jobs, and the other
  // scenarios' ready recordings would feed the sweep.
  try {
    held.database = await createThrowawayDatabase(`${opts.stamp}-pipeline`);
  } catch (error) {
    return skip(
      `no PostgreSQL to create a throwaway database on ${redact(adminUrl())} (${error instanceof Error ? error.message : String(error)}); set BENCH_PG_URL`,
    );
  }
  const database = held.database;
  try {
    const loadAtStart = os.loadavg()[0]!;
    const tempDir = (held.tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aii-bench-pipeline-")));
    const timesFile = path.join(tempDir, "ffmpeg-times.txt");
    const timedFfmpeg = writeTimedFfmpeg({ dir: tempDir, ffmpeg, timesFile });
    const dataDir = path.join(tempDir, "data");
    const appEnv: NodeJS.ProcessEnv = {
      ...opts.baseEnv,
      NODE_ENV: "production",
      LOCAL_DEMO: "true",
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
    };
    await runStep(
      opts.root,
      "npx",
      ["tsx", "--import", "./scripts/register-server-only.mjs", "scripts/prepare.ts"],
      appEnv,
    ); // migrations and the seeded companies

    const sql = (held.sql = postgres(database.url, { max: 2, onnotice: () => {} }));
    console.log(`[bench] pipeline: ${RUNS.length} runs of ${SESSIONS} completed sessions, making the fixture`);
    const batches = await makePipelineFixture(sql, {
      stamp: opts.stamp,
      dataDir,
      batchSizes: RUNS.flatMap((run) => [warmUpSessions(run), SESSIONS]),
    });
    const boss = (held.boss = new PgBoss({
      connectionString: database.url,
      schema: JOB_SCHEMA,
      supervise: false,
      schedule: false,
      max: 4,
    }));
    boss.on("error", (error) => console.error(`[bench] pipeline: pg-boss: ${error.message}`));
    await boss.start();
    await ensureQueues(boss, ALL_JOBS);

    const runs: RunFigures[] = [];
    for (const [i, config] of RUNS.entries()) {
      const [warmUp, measured] = [batches[2 * i]!, batches[2 * i + 1]!];
      runs.push(await measureRun({ ...opts, config, appEnv, timedFfmpeg, timesFile, sql, boss, warmUp, measured }));
    }
    const problems = runs.flatMap((r) => {
      const { transcripts, evaluations, answerEvaluations } = r.written;
      const expected = {
        transcripts: r.transcribe.jobs,
        evaluations: r.sessions,
        answerEvaluations: r.transcribe.jobs,
      };
      return transcripts === expected.transcripts &&
        evaluations === expected.evaluations &&
        answerEvaluations === expected.answerEvaluations
        ? []
        : [
            `${r.label}: wrote ${transcripts} transcripts, ${evaluations} completed evaluations, ${answerEvaluations} answer evaluations (expected ${Object.values(expected).join(", ")})`,
          ];
    });
    return {
      database: `throwaway ${database.name} on ${redact(adminUrl())} (dropped afterwards)`,
      machine: machine(),
      loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
      sessions: SESSIONS,
      latencyMs: LATENCY_MS,
      concurrency: CONCURRENCY,
      pollingIntervalMs: POLLING_MS,
      runs,
      ratios: pipelineRatios(runs, LATENCY_MS, POLLING_MS),
      problems,
    };
  } finally {
    await stopPipeline();
  }
}

async function measureRun(opts: {
  root: string;
  logFile: string;
  config: RunConfig;
  appEnv: NodeJS.ProcessEnv;
  timedFfmpeg: string;
  timesFile: string;
  sql: Sql;
  boss: PgBoss;
  warmUp: PipelineBatch;
  measured: PipelineBatch;
}): Promise<RunFigures> {
  const { config, sql, boss } = opts;
  console.log(
    `[bench] pipeline: ${config.label}, WORKER_CONCURRENCY=${config.concurrency} (worker log: ${path.relative(opts.root, opts.logFile)})`,
  );
  const provider = (held.provider = await startDemoProvider({ latencyMs: config.latencyMs }));
  const env: NodeJS.ProcessEnv = {
    ...opts.appEnv,
    TRANSCRIBE_BASE_URL: provider.baseUrl,
    TRANSCRIBE_API_KEY: API_KEY,
    TRANSCRIBE_FFMPEG_PATH: opts.timedFfmpeg,
    EVAL_BASE_URL: provider.baseUrl,
    EVAL_API_KEY: API_KEY,
    WORKER_CONCURRENCY: String(config.concurrency),
  };
  held.workers = Array.from({ length: config.processes }, () =>
    startWorker({ root: opts.root, env, logFile: opts.logFile }),
  );
  await Promise.all(held.workers.map((w) => w.ready()));

  await runBatch({ sql, boss, batch: opts.warmUp, timeoutMs: TIMEOUT_MS });
  fs.rmSync(opts.timesFile, { force: true });
  const callsBefore = provider.requests.length;
  const times = await runBatch({ sql, boss, batch: opts.measured, timeoutMs: TIMEOUT_MS });
  const calls = provider.requests.slice(callsBefore);
  const figures = runFigures({
    config,
    sessions: opts.measured.sessionIds.length,
    times,
    transcribeQueue: TRANSCRIBE_RECORDING.queue,
    calls: {
      transcriptions: calls.filter((c) => c.path === "/audio/transcriptions").length,
      chat: calls.filter((c) => c.path === "/chat/completions").length,
    },
    ffmpeg: readFfmpegTimes(opts.timesFile),
    written: await writtenBy(sql, opts.measured),
  });
  console.log(
    `[bench] pipeline: ${figures.jobsPerS.toFixed(2)} jobs/s (${times.length} jobs in ${figures.wallS.toFixed(1)} s)`,
  );

  await Promise.all(held.workers.map((w) => w.stop()));
  held.workers = [];
  await provider.close();
  held.provider = undefined;
  return figures;
}

/** Stops the workers, the provider and the bench's connections, drops the database and deletes the temporary files. */
export async function stopPipeline(): Promise<void> {
  const { workers, provider, boss, sql, database, tempDir } = held;
  held.workers = [];
  held.provider = held.boss = held.sql = held.database = held.tempDir = undefined;
  const warn = (what: string) => (error: unknown) =>
    console.error(`[bench] pipeline: could not ${what}: ${String(error)}`);
  await Promise.all(workers.map((w) => w.stop().catch(warn(`stop worker ${w.pid}`))));
  await provider?.close().catch(warn("close the demo provider"));
  await boss?.stop({ graceful: false, wait: true }).catch(warn("stop pg-boss"));
  await sql?.end({ timeout: 5 }).catch(warn("close the database connection"));
  // After the workers are gone, so no pooled connection holds the database open.
  await database?.drop().catch(warn(`drop ${database.name}`));
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
}

function skip(reason: string): PipelineReport {
  console.warn(`[bench] pipeline SKIPPED: ${reason}`);
  return { skipped: reason, runs: [], problems: [] };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable URL)";
  }
}
