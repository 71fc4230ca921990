// npm run bench: load figures for a production build (next build && next start) on a fresh database.
// Options: --no-build or BENCH_SKIP_BUILD=1 reuses .next; BENCH_PORT; DATABASE_URL uses that database as-is;
// BENCH_DURATION_S, BENCH_WARMUP_S, BENCH_CONNECTIONS, BENCH_LOGIN_CONNECTIONS shrink a run (see load.ts). A smoke run:
// BENCH_DURATION_S=3 BENCH_WARMUP_S=1 BENCH_LOGIN_CONNECTIONS=2 npm run bench (10 queued logins take longer than 3 s).
// Then start-session (bench/start-session/), which needs real PostgreSQL: on DATABASE_URL when set (its rows are removed
// afterwards), otherwise on a throwaway database `aii_bench_<stamp>` created on BENCH_PG_URL (default
// postgres://postgres@127.0.0.1:5432/postgres) with a second server, and dropped at the end. GET /api/v1/users/me and
// GET /health run first on that server, and the route's req/s and p99 are printed as ratios to /users/me's. BENCH_POOL_SIZE,
// BENCH_PGBENCH_POOL_SIZE, BENCH_START_CONNECTIONS, BENCH_PGBENCH tune it; BENCH_START_SESSION=0 skips it and
// BENCH_ONLY_START_SESSION=1 runs only it.
// Then upload (bench/upload/): 50 candidates each upload a 20 MiB answer in 1 MiB chunks and finalize it, on a server of
// its own whose DATA_DIR is temporary (deleted afterwards), with its RSS sampled against the bytes uploaded. It uses
// DATABASE_URL, else the throwaway database (else PGlite). BENCH_UPLOADERS and BENCH_UPLOAD_CHUNKS shrink it;
// BENCH_UPLOAD=0 skips it and BENCH_ONLY_UPLOAD=1 runs only it (with BENCH_ONLY_START_SESSION=1 too: just those two).
// Then token-room (bench/token-room/): POST /api/token/room at BENCH_CONNECTIONS as the demo ADMIN, on a server of its
// own on PostgreSQL (DATABASE_URL, else the throwaway database), beside livekit-server-sdk's raw mint rate in this
// process as the ceiling. BENCH_TOKEN_ROOM=0 skips it and BENCH_ONLY_TOKEN_ROOM=1 runs only it (combines as above).
// Then login-flood (bench/login-flood/): logins for random unknown emails from many X-Forwarded-For addresses while the
// demo accounts sign in, on a server of its own started with TRUST_PROXY_HOPS=1 (PostgreSQL as above, else PGlite).
// BENCH_FLOOD_CONNECTIONS, BENCH_FLOOD_CLIENTS and BENCH_FLOOD_REAL_RPS tune it; BENCH_LOGIN_FLOOD=0 skips it and
// BENCH_ONLY_LOGIN_FLOOD=1 runs only it (combines as above).
// Then pipeline (bench/pipeline/): transcribe + evaluate jobs per second through pg-boss and scripts/worker.ts
// processes (1, then 2, WORKER_CONCURRENCY=BENCH_PIPELINE_CONCURRENCY, default 4) against the scripted demo provider
// (test/ai-server/demo-provider.ts) answering after BENCH_PIPELINE_LATENCY_MS (default 200), plus a run with no
// latency, on BENCH_PIPELINE_SESSIONS (default 40) completed sessions of 2 answers per run. It needs ffmpeg and uses a
// throwaway database of its own on BENCH_PG_URL (never DATABASE_URL: its workers would run that database's jobs); no
// web server, so with only it no build is made. BENCH_PIPELINE_TIMEOUT_S bounds each batch; BENCH_PIPELINE=0 skips
// it and BENCH_ONLY_PIPELINE=1 runs only it (combines as above).
// Then board (bench/board/): the ranked candidate board of one interview with BENCH_BOARD_SESSIONS (default 10,000)
// completed sessions and 3 submitted scorecards each on average, a page of 50 under several sorts and filters, one at a
// time: lib/board directly and GET /api/interviewer/interviews/{id}/board on a server of its own, p50/p95 against a
// trivial authenticated read (target p95 < 150 ms). It uses a throwaway database of its own on BENCH_PG_URL (never
// DATABASE_URL: decisions are append-only, so its rows could not be removed again). BENCH_BOARD_ITERATIONS tunes it;
// BENCH_BOARD=0 skips it and BENCH_ONLY_BOARD=1 runs only it (combines as above).
// A candidate's join to a real LiveKit server (first published track, p50/p99) and the server's CPU per connected
// candidate are a separate run in real Chromium: npm run bench:livekit (bench/livekit/run.ts, options in its header).
import { cacheKind, databaseKind } from "./server-kinds";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runScenario, scenarios, type LoadResult } from "./load";
import { failures, machine, printTable, writeJson, type Context } from "./report";
import { assertPortFree, runStep, startServer, tail, type Server } from "./server";
import { adminUrl, createThrowawayDatabase, type ThrowawayDatabase } from "./start-session/database";
import { benchStartSession, type StartSessionReport } from "./start-session/index";
import { printStartSession } from "./start-session/report";
import { benchUpload, type UploadReport } from "./upload/index";
import { printUpload } from "./upload/report";
import { benchTokenRoom, type TokenRoomReport } from "./token-room/index";
import { printTokenRoom } from "./token-room/report";
import { benchLoginFlood, type LoginFloodReport } from "./login-flood/index";
import { printLoginFlood } from "./login-flood/report";
import { benchPipeline, stopPipeline, type PipelineReport } from "./pipeline/index";
import { printPipeline } from "./pipeline/report";
import { benchBoard, type BoardReport } from "./board/index";
import { printBoard } from "./board/report";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const DEMO = { email: "admin@nextgenai.com", password: "SecurePassword123!" }; // seeded by scripts/prepare.ts
const LOGIN_ACCOUNTS = [
  "admin@nextgenai.com",
  "hr@nextgenai.com",
  "lead@nextgenai.com",
  "employee@nextgenai.com",
  "admin@globex.com",
];
const LOGIN_TIMEOUT_MS = 120_000; // generous: a settling login waits for the whole bcrypt backlog
const IDLE_LOGIN_SAMPLES = 3;
const SETTLE_MAX_LOGINS = 20; // sequential logins while waiting for the server to be idle again
const RESULTS_FILE = path.join(ROOT, "bench", "results", "latest.json");

const skipBuild = process.argv.includes("--no-build") || process.env.BENCH_SKIP_BUILD === "1";
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const dataRoot = path.join(ROOT, "bench", ".data");
// The server log is kept after the run (bench/.data is ignored by git); only the database folder is deleted.
const logFile = path.join(dataRoot, `server-${stamp}.log`);
const startSessionLogFile = path.join(dataRoot, `server-start-session-${stamp}.log`);
const uploadLogFile = path.join(dataRoot, `server-upload-${stamp}.log`);
const tokenRoomLogFile = path.join(dataRoot, `server-token-room-${stamp}.log`);
const loginFloodLogFile = path.join(dataRoot, `server-login-flood-${stamp}.log`);
const pipelineLogFile = path.join(dataRoot, `pipeline-workers-${stamp}.log`);
const boardLogFile = path.join(dataRoot, `server-board-${stamp}.log`);
const logFiles = [
  logFile,
  startSessionLogFile,
  uploadLogFile,
  tokenRoomLogFile,
  loginFloodLogFile,
  pipelineLogFile,
  boardLogFile,
];
// BENCH_ONLY_* picks scenarios; without one, every scenario runs but those switched off.
const onlyStartSession = process.env.BENCH_ONLY_START_SESSION === "1";
const onlyUpload = process.env.BENCH_ONLY_UPLOAD === "1";
const onlyTokenRoom = process.env.BENCH_ONLY_TOKEN_ROOM === "1";
const onlyLoginFlood = process.env.BENCH_ONLY_LOGIN_FLOOD === "1";
const onlyPipeline = process.env.BENCH_ONLY_PIPELINE === "1";
const onlyBoard = process.env.BENCH_ONLY_BOARD === "1";
const picked = onlyStartSession || onlyUpload || onlyTokenRoom || onlyLoginFlood || onlyPipeline || onlyBoard;
// Every scenario but the pipeline runs against next start.
const needsBuild =
  !skipBuild && (!picked || onlyStartSession || onlyUpload || onlyTokenRoom || onlyLoginFlood || onlyBoard);
const skipStartSession = process.env.BENCH_START_SESSION === "0";
const skipUpload = process.env.BENCH_UPLOAD === "0";
const skipTokenRoom = process.env.BENCH_TOKEN_ROOM === "0";
const skipLoginFlood = process.env.BENCH_LOGIN_FLOOD === "0";
const skipPipeline = process.env.BENCH_PIPELINE === "0";
const skipBoard = process.env.BENCH_BOARD === "0";
const dataDir = process.env.DATABASE_URL || picked ? undefined : path.join(dataRoot, stamp);
const uploadDataDir = path.join(dataRoot, `upload-${stamp}`); // about 2 GB of chunks and recordings at its peak
const loginFloodDataDir = path.join(dataRoot, `login-flood-${stamp}`); // PGlite, when there is no PostgreSQL

const loadAtStart = os.loadavg()[0]!;
let server: Server | undefined;
let throwaway: ThrowawayDatabase | undefined;

async function cleanup(): Promise<void> {
  await server?.stop();
  server = undefined;
  await stopPipeline(); // its worker processes, demo provider and database
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(uploadDataDir, { recursive: true, force: true });
  fs.rmSync(loginFloodDataDir, { recursive: true, force: true });
  // After the server is gone, so no pooled connection holds the database open.
  const database = throwaway;
  throwaway = undefined;
  await database
    ?.drop()
    .catch((error: unknown) => console.error(`[bench] could not drop ${database.name}: ${String(error)}`));
}

// The server runs in its own process group, so a Ctrl-C reaches only us: stop it before leaving. Repeated signals
// (tsx relays the terminal's) must not cut that cleanup short.
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[bench] ${signal}: stopping the server`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  if (needsBuild) await runStep(ROOT, "npx", ["next", "build"], process.env);

  // LOCAL_DEMO lets the production config accept the dev secrets; NEXT_MANUAL_SIG_HANDLE lets the app close
  // PGlite on SIGTERM itself.
  const baseEnv = { ...process.env, LOCAL_DEMO: "true", NEXT_MANUAL_SIG_HANDLE: "true", PORT: String(PORT) };
  let results: LoadResult[] = [];
  let context: Context | undefined;
  if (!picked) ({ results, context } = await benchMainScenarios({ ...baseEnv, ...(dataDir && { DATA_DIR: dataDir }) }));
  const startSession = !picked || onlyStartSession ? await benchStartSessionScenario(baseEnv) : undefined;
  const upload = !picked || onlyUpload ? await benchUploadScenario(baseEnv) : undefined;
  const tokenRoom = !picked || onlyTokenRoom ? await benchTokenRoomScenario(baseEnv) : undefined;
  const loginFlood = !picked || onlyLoginFlood ? await benchLoginFloodScenario(baseEnv) : undefined;
  const pipeline = !picked || onlyPipeline ? await benchPipelineScenario(baseEnv) : undefined;
  const board = !picked || onlyBoard ? await benchBoardScenario(baseEnv) : undefined;

  if (context) printTable(results, context);
  if (startSession) printStartSession(startSession);
  if (upload) printUpload(upload);
  if (tokenRoom) printTokenRoom(tokenRoom);
  if (loginFlood) printLoginFlood(loginFlood);
  if (pipeline) printPipeline(pipeline);
  if (board) printBoard(board);
  const failed = [
    ...failures(results),
    ...(startSession?.problems ?? []).map((p) => `start-session / ${p}`),
    ...(upload?.problems ?? []).map((p) => `upload / ${p}`),
    ...(tokenRoom?.problems ?? []).map((p) => `token-room / ${p}`),
    ...(loginFlood?.problems ?? []).map((p) => `login-flood / ${p}`),
    ...(pipeline?.problems ?? []).map((p) => `pipeline / ${p}`),
    ...(board?.problems ?? []).map((p) => `board / ${p}`),
  ];
  writeJson(RESULTS_FILE, {
    startedAt: stamp,
    ...context,
    freshBuild: needsBuild,
    results,
    startSession,
    upload,
    tokenRoom,
    loginFlood,
    pipeline,
    board,
    failures: failed,
  });
  console.log(`Results written to ${path.relative(ROOT, RESULTS_FILE)}`);
  await cleanup(); // before reading the log, so errors logged while shutting down show up too
  logFiles.forEach(reportServerErrors);

  if (failed.length > 0) {
    // Figures for failing requests measure the error path, not the route: make that impossible to miss.
    console.error(
      `\n!!!!! ${failed.length} load(s) had failing or no requests; their figures are NOT meaningful !!!!!`,
    );
    for (const line of failed) console.error(`!!  ${line}`);
    for (const file of logFiles.filter((f) => fs.existsSync(f))) {
      console.error(`\nServer log tail (${path.relative(ROOT, file)}):\n${tail(file)}`);
    }
    process.exitCode = 1;
  }
}

/** Migrates and seeds the database `env` points at, then starts `next start` on it; returns its base URL. */
async function boot(env: NodeJS.ProcessEnv, log: string): Promise<string> {
  await runStep(ROOT, "npx", ["tsx", "--import", "./scripts/register-server-only.mjs", "scripts/prepare.ts"], env);
  console.log(`[bench] starting next start on port ${PORT} (log: ${path.relative(ROOT, log)})`);
  await assertPortFree(PORT);
  server = startServer({ cwd: ROOT, port: PORT, env, logFile: log });
  await server.ready();
  return server.baseUrl;
}

/** health, me, login and login+me on the configured database (PGlite unless DATABASE_URL is set). */
async function benchMainScenarios(env: NodeJS.ProcessEnv): Promise<{ results: LoadResult[]; context: Context }> {
  const baseUrl = await boot(env, logFile);
  const token = await logIn(baseUrl);
  // Best of a few: the first logins after boot still pay for JIT and cold caches.
  let idleLoginMs = Infinity;
  for (let i = 0; i < IDLE_LOGIN_SAMPLES; i++) idleLoginMs = Math.min(idleLoginMs, await timed(() => logIn(baseUrl)));
  // Logins queue behind the bcrypt backlog a load leaves; once one is about as fast as on an idle server, it is gone.
  const settle = async () => {
    for (let i = 0; i < SETTLE_MAX_LOGINS; i++) if ((await timed(() => logIn(baseUrl))) < 2 * idleLoginMs) return;
    console.warn(`[bench] logins still slow after ${SETTLE_MAX_LOGINS} tries; the next figures may include a backlog`);
  };

  const results: LoadResult[] = [];
  for (const scenario of scenarios({ emails: LOGIN_ACCOUNTS, password: DEMO.password, token })) {
    const loads = scenario.loads.map((l) => `${l.name} x${l.connections}`).join(" + ");
    console.log(`[bench] ${scenario.name}: ${loads}, ${scenario.durationS} s after warm-up`);
    results.push(...(await runScenario(baseUrl, scenario, settle)));
  }

  const context: Context = {
    machine: machine(),
    loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
    database: databaseKind(env),
    cache: cacheKind(env),
    idleLoginMs,
  };
  return { results, context };
}

/**
 * start-session must run on real PostgreSQL: the embedded PGlite would measure itself, not the statement. On
 * DATABASE_URL the running server is reused; otherwise a second server runs on a throwaway database.
 */
async function benchStartSessionScenario(baseEnv: NodeJS.ProcessEnv): Promise<StartSessionReport> {
  if (skipStartSession) return { skipped: "BENCH_START_SESSION=0", problems: [] };
  const common = { stamp, dataDir: dataRoot };
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const baseUrl = server?.baseUrl ?? (await boot(baseEnv, startSessionLogFile));
    const staffToken = await logIn(baseUrl);
    return benchStartSession({
      ...common,
      baseUrl,
      staffToken,
      serverGroup: server?.group,
      databaseUrl,
      databaseLabel: `DATABASE_URL ${redact(databaseUrl)}`,
      ownsDatabase: false,
    });
  }
  await server?.stop(); // the PGlite server of the other scenarios; the port is reused
  server = undefined;
  try {
    throwaway = await createThrowawayDatabase(stamp);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const skipped = `no PostgreSQL to create a throwaway database on ${redact(adminUrl())} (${reason}); set DATABASE_URL or BENCH_PG_URL`;
    console.warn(`[bench] start-session SKIPPED: ${skipped}`);
    return { skipped, problems: [] };
  }
  const baseUrl = await boot({ ...baseEnv, DATABASE_URL: throwaway.url }, startSessionLogFile);
  const databaseLabel = `throwaway ${throwaway.name} on ${redact(adminUrl())} (dropped afterwards)`;
  const staffToken = await logIn(baseUrl);
  return benchStartSession({
    ...common,
    baseUrl,
    staffToken,
    serverGroup: (server as Server | undefined)?.group,
    databaseUrl: throwaway.url,
    databaseLabel,
    ownsDatabase: true,
  });
}

/**
 * upload gets a server of its own, so its memory baseline is a quiet server's, with a temporary DATA_DIR for the
 * recordings. PostgreSQL as in production: DATABASE_URL, else the throwaway database (made now if start-session did
 * not); without PostgreSQL, PGlite in that DATA_DIR, whose memory then counts in the server's RSS.
 */
async function benchUploadScenario(baseEnv: NodeJS.ProcessEnv): Promise<UploadReport> {
  if (skipUpload) return { skipped: "BENCH_UPLOAD=0", problems: [] };
  if (process.platform !== "linux")
    return { skipped: "the server's RSS is read from /proc, which needs Linux", problems: [] };
  await server?.stop(); // the port is reused
  server = undefined;
  const env: NodeJS.ProcessEnv = { ...baseEnv, DATA_DIR: uploadDataDir };
  const databaseUrl = process.env.DATABASE_URL;
  let databaseLabel: string;
  if (databaseUrl) databaseLabel = `DATABASE_URL ${redact(databaseUrl)} (the bench's rows are removed afterwards)`;
  else {
    try {
      throwaway ??= await createThrowawayDatabase(stamp);
      env.DATABASE_URL = throwaway.url;
      databaseLabel = `throwaway ${throwaway.name} on ${redact(adminUrl())} (dropped afterwards)`;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      databaseLabel = `PGlite in the temporary DATA_DIR, inside the server process (no PostgreSQL on ${redact(adminUrl())}: ${reason})`;
    }
  }
  const baseUrl = await boot(env, uploadLogFile);
  const staffToken = await logIn(baseUrl);
  return benchUpload({ baseUrl, port: PORT, staffToken, stamp, databaseLabel, foreignDatabaseUrl: databaseUrl });
}

/**
 * token-room gets a server of its own, so it measures neither another scenario's backlog nor its warm caches, on
 * PostgreSQL as in production (the embedded PGlite would measure itself): DATABASE_URL, else the throwaway database.
 */
async function benchTokenRoomScenario(baseEnv: NodeJS.ProcessEnv): Promise<TokenRoomReport> {
  if (skipTokenRoom) return { skipped: "BENCH_TOKEN_ROOM=0", problems: [] };
  await server?.stop(); // the port is reused
  server = undefined;
  let databaseUrl = process.env.DATABASE_URL;
  let databaseLabel: string;
  if (databaseUrl)
    databaseLabel = `DATABASE_URL ${redact(databaseUrl)} (the bench's rows are removed afterwards, its audit rows stay)`;
  else {
    try {
      throwaway ??= await createThrowawayDatabase(stamp);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const skipped = `no PostgreSQL to create a throwaway database on ${redact(adminUrl())} (${reason}); set DATABASE_URL or BENCH_PG_URL`;
      console.warn(`[bench] token-room SKIPPED: ${skipped}`);
      return { skipped, problems: [] };
    }
    databaseUrl = throwaway.url;
    databaseLabel = `throwaway ${throwaway.name} on ${redact(adminUrl())} (dropped afterwards)`;
  }
  const env = { ...baseEnv, DATABASE_URL: databaseUrl };
  const baseUrl = await boot(env, tokenRoomLogFile);
  const staffToken = await logIn(baseUrl);
  const account = `${DEMO.email} (ADMIN)`;
  return benchTokenRoom({
    baseUrl,
    staffToken,
    account,
    serverEnv: env,
    databaseUrl,
    databaseLabel,
    ownsDatabase: !process.env.DATABASE_URL,
    stamp,
  });
}

/**
 * login-flood gets a server of its own that trusts one proxy hop, so each request's X-Forwarded-For is its client
 * address; on PostgreSQL when there is one (the flood writes a LOGIN_FAILED row per answered failure), else PGlite.
 */
async function benchLoginFloodScenario(baseEnv: NodeJS.ProcessEnv): Promise<LoginFloodReport> {
  if (skipLoginFlood) return { skipped: "BENCH_LOGIN_FLOOD=0", problems: [] };
  await server?.stop(); // the port is reused
  server = undefined;
  const env: NodeJS.ProcessEnv = { ...baseEnv, TRUST_PROXY_HOPS: "1" };
  let databaseLabel: string;
  if (process.env.DATABASE_URL)
    databaseLabel = `DATABASE_URL ${redact(process.env.DATABASE_URL)} (its LOGIN_FAILED audit rows stay)`;
  else {
    try {
      throwaway ??= await createThrowawayDatabase(stamp);
      env.DATABASE_URL = throwaway.url;
      databaseLabel = `throwaway ${throwaway.name} on ${redact(adminUrl())} (dropped afterwards)`;
    } catch (error) {
      env.DATA_DIR = loginFloodDataDir;
      databaseLabel = `PGlite in a temporary DATA_DIR (no PostgreSQL on ${redact(adminUrl())}: ${error instanceof Error ? error.message : String(error)})`;
    }
  }
  const baseUrl = await boot(env, loginFloodLogFile);
  return benchLoginFlood({
    baseUrl,
    emails: LOGIN_ACCOUNTS,
    password: DEMO.password,
    databaseLabel,
    cacheLabel: cacheKind(env),
  });
}

/**
 * pipeline runs worker processes, not next start: the server of the other scenarios is stopped so it takes no CPU, and
 * the scenario makes (and drops) a database of its own.
 */
async function benchPipelineScenario(baseEnv: NodeJS.ProcessEnv): Promise<PipelineReport> {
  if (skipPipeline) return { skipped: "BENCH_PIPELINE=0", runs: [], problems: [] };
  await server?.stop();
  server = undefined;
  return benchPipeline({ root: ROOT, stamp, baseEnv, logFile: pipelineLogFile });
}

/**
 * board gets a server of its own on a throwaway database of its own, seeded with one big interview (set-based SQL),
 * so that neither another scenario's rows nor its backlog weigh on the figures.
 */
async function benchBoardScenario(baseEnv: NodeJS.ProcessEnv): Promise<BoardReport> {
  if (skipBoard) return { skipped: "BENCH_BOARD=0", problems: [] };
  await server?.stop(); // the port is reused
  server = undefined;
  let database: ThrowawayDatabase;
  try {
    database = await createThrowawayDatabase(`${stamp}-board`);
  } catch (error) {
    const skipped = `no PostgreSQL to create a throwaway database on ${redact(adminUrl())} (${error instanceof Error ? error.message : String(error)}); set BENCH_PG_URL`;
    console.warn(`[bench] board SKIPPED: ${skipped}`);
    return { skipped, problems: [] };
  }
  try {
    const baseUrl = await boot({ ...baseEnv, DATABASE_URL: database.url }, boardLogFile);
    const staffToken = await logIn(baseUrl);
    const databaseLabel = `throwaway ${database.name} on ${redact(adminUrl())} (dropped afterwards)`;
    return await benchBoard({ baseUrl, staffToken, databaseUrl: database.url, databaseLabel, stamp });
  } finally {
    // boot() set it (control flow analysis cannot see that); stopped before the drop, so it logs no lost connections.
    await (server as Server | undefined)?.stop();
    server = undefined;
    await database
      .drop()
      .catch((error: unknown) => console.error(`[bench] could not drop ${database.name}: ${String(error)}`));
  }
}

/** A database URL without its password, fit for a log or the results file. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable URL)";
  }
}

async function logIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(DEMO),
    signal: AbortSignal.timeout(LOGIN_TIMEOUT_MS),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: string };
  if (!response.ok || !body.access_token) {
    throw new Error(
      `login as ${DEMO.email} failed: ${response.status} ${JSON.stringify(body)} (a 401 on a non-local DATABASE_URL: the demo seed was skipped)`,
    );
  }
  return body.access_token;
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** Errors the app logged while under load are worth seeing even when every response was 2xx. */
function reportServerErrors(logFile: string): void {
  const lines = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n") : [];
  const errors = lines.filter((l) => l.includes('"level":"error"') || /\b(Error|ERR_)\b|⨯/.test(l));
  if (errors.length === 0) return;
  console.error(
    `\n[bench] the server logged ${errors.length} error line(s); last ones:\n${errors.slice(-10).join("\n")}`,
  );
}

main()
  .catch((error: unknown) => {
    if (interrupted) return; // the run was cut short on purpose; its failures are just the server going away
    console.error(`\n[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    for (const file of logFiles.filter((f) => fs.existsSync(f))) {
      console.error(`\nServer log tail (${path.relative(ROOT, file)}):\n${tail(file)}`);
    }
    process.exitCode = 1;
  })
  .finally(cleanup);
