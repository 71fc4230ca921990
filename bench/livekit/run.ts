// npm run bench:livekit: a candidate's join to a real LiveKit server, against a production build (next build && next
// start) on a fresh database. Starts livekit-server (.bin/livekit-server, `npm run livekit:install`) on free loopback
// ports with its webhooks going to the app and to the bench, then drives Debian's Chromium (fake camera and
// microphone) through landing, consent, device check and "Start interview":
// - joins: BENCH_LIVEKIT_JOINS (default 20) one after another, after one warm-up join; the time from the click to the
//   first published track on the server, beside the page's own time to show the question;
// - CPU: BENCH_LIVEKIT_CANDIDATES (default 10) candidates connected and publishing at once; the LiveKit server's CPU
//   over BENCH_LIVEKIT_WINDOW_S (default 20) seconds against an idle window of the same length before.
// Options: --no-build or BENCH_SKIP_BUILD=1 reuses .next; BENCH_PORT (default: a free port); DATABASE_URL uses that
// database (the bench's interview and what its candidates left are removed afterwards), otherwise PGlite in a
// temporary folder. CHROMIUM_PATH (default /usr/bin/chromium). A smoke run:
// BENCH_SKIP_BUILD=1 BENCH_LIVEKIT_JOINS=2 BENCH_LIVEKIT_CANDIDATES=2 BENCH_LIVEKIT_WINDOW_S=3 npm run bench:livekit
import { type Browser, chromium } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RoomServiceClient } from "livekit-server-sdk";
import { LIVEKIT_DEV_KEY, LIVEKIT_DEV_SECRET } from "@/lib/env";
import {
  LIVEKIT_VERSION,
  type LivekitServer,
  freeLivekitPorts,
  startLivekitServer,
} from "../../scripts/livekit/server-process";
import { apiCall } from "../api-call";
import { machine, writeJson } from "../report";
import { databaseKind } from "../server-kinds";
import { type Server, assertPortFree, runStep, startServer, tail } from "../server";
import { pidListeningOn } from "../upload/rss";
import { measureConcurrent } from "./concurrent";
import { CLK_TCK } from "./cpu";
import { type JoinFixture, makeJoinFixture, removeJoinFixture } from "./fixture";
import { measureJoins } from "./joins";
import { type LivekitReport, printLivekit } from "./report";
import { type WebhookClock, startWebhookClock } from "./webhook-clock";
import { freeTcpPort as freePort } from "../../scripts/free-port";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const JOINS = positive("BENCH_LIVEKIT_JOINS", 20);
const CANDIDATES = positive("BENCH_LIVEKIT_CANDIDATES", 10);
const WINDOW_S = positive("BENCH_LIVEKIT_WINDOW_S", 20);
const WARMUP_JOINS = 1;
const SETTLE_S = 5; // after the last candidate is listed, before the busy window: bandwidth estimation ramps up
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
  // Without these two, Chromium filters its loopback ICE candidates and the peer connection to LiveKit fails.
  "--allow-loopback-in-peer-connection",
  "--disable-features=WebRtcHideLocalIpsWithMdns",
];
const HR = { email: "hr@nextgenai.com", password: "SecurePassword123!" }; // seeded by scripts/prepare.ts
const RESULTS_FILE = path.join(ROOT, "bench", "results", "livekit-latest.json");

const skipBuild = process.argv.includes("--no-build") || process.env.BENCH_SKIP_BUILD === "1";
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const dataRoot = path.join(ROOT, "bench", ".data");
// Logs are kept (bench/.data is ignored by git); the database folder is deleted.
const appLog = path.join(dataRoot, `server-livekit-${stamp}.log`);
const livekitLog = path.join(dataRoot, `livekit-server-${stamp}.log`);
const dataDir = process.env.DATABASE_URL ? undefined : path.join(dataRoot, `livekit-${stamp}`);

let webhooks: WebhookClock | undefined;
let livekit: LivekitServer | undefined;
let app: Server | undefined;
let browser: Browser | undefined;
let fixture: JoinFixture | undefined;

// Once, whoever asks first (a signal, or main settling because the signal's cleanup closed the browser under it).
let cleaning: Promise<void> | undefined;
const cleanup = (): Promise<void> => (cleaning ??= stopEverything());

async function stopEverything(): Promise<void> {
  const [openBrowser, relay, server, listener, rows] = [browser, livekit, app, webhooks, fixture];
  browser = livekit = app = webhooks = fixture = undefined;
  const databaseUrl = process.env.DATABASE_URL;
  const steps: [string, (() => Promise<unknown>) | undefined][] = [
    ["the browser", openBrowser && (() => openBrowser.close())],
    ["livekit-server", relay && (() => relay.stop())], // before the app, so no webhook reaches it as it stops
    ["the app", server && (() => server.stop())],
    ["the webhook listener", listener && (() => listener.close())],
    ["the bench's rows", rows && databaseUrl ? () => removeJoinFixture(databaseUrl, rows.interviewId) : undefined],
  ];
  for (const [name, step] of steps)
    await step?.().catch((error: unknown) =>
      console.error(`[bench:livekit] cleanup of ${name} failed: ${String(error)}`),
    );
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[bench:livekit] ${signal}: stopping the servers and the browser`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  if (process.platform !== "linux") throw new Error("CPU figures are read from /proc, which needs Linux");
  if (!skipBuild) await runStep(ROOT, "npx", ["next", "build"], process.env);
  const loadAtStart = os.loadavg()[0]!;
  const port = Number(process.env.BENCH_PORT) || (await freePort());
  const baseUrl = `http://localhost:${port}`;

  webhooks = await startWebhookClock(LIVEKIT_DEV_KEY, LIVEKIT_DEV_SECRET);
  fs.mkdirSync(dataRoot, { recursive: true });
  livekit = await startLivekitServer({
    ports: await freeLivekitPorts(),
    keys: { [LIVEKIT_DEV_KEY]: LIVEKIT_DEV_SECRET },
    webhookKey: LIVEKIT_DEV_KEY,
    webhookUrls: [`${baseUrl}/api/livekit/webhook`, webhooks.url],
    logFile: livekitLog,
  });
  console.log(
    `[bench:livekit] livekit-server ${LIVEKIT_VERSION} on ${livekit.url} (log: ${path.relative(ROOT, livekitLog)})`,
  );

  // LOCAL_DEMO lets the production config accept the dev secrets; NEXT_MANUAL_SIG_HANDLE lets the app close PGlite.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOCAL_DEMO: "true",
    NEXT_MANUAL_SIG_HANDLE: "true",
    PORT: String(port),
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: LIVEKIT_DEV_KEY,
    LIVEKIT_API_SECRET: LIVEKIT_DEV_SECRET,
    ...(dataDir && { DATA_DIR: dataDir }),
  };
  await runStep(ROOT, "npx", ["tsx", "--import", "./scripts/register-server-only.mjs", "scripts/prepare.ts"], env);
  await assertPortFree(port);
  console.log(`[bench:livekit] starting next start on port ${port} (log: ${path.relative(ROOT, appLog)})`);
  app = startServer({ cwd: ROOT, port, env, logFile: appLog });
  await app.ready();

  const login = await apiCall<{ access_token: string }>(baseUrl, "/api/v1/auth/login", { method: "POST", body: HR });
  fixture = await makeJoinFixture({
    baseUrl,
    staffToken: login.access_token,
    stamp,
    invites: WARMUP_JOINS + JOINS + CANDIDATES,
  });
  const rooms = new RoomServiceClient(livekit.httpUrl, LIVEKIT_DEV_KEY, LIVEKIT_DEV_SECRET);
  // Playwright's own signal handlers would close the browser and exit at once, cutting the cleanup short.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });

  const joinLinks = fixture.links.slice(0, WARMUP_JOINS + JOINS);
  const joins = await measureJoins({
    browser,
    baseUrl,
    title: fixture.title,
    links: joinLinks,
    warmup: WARMUP_JOINS,
    webhooks,
    rooms,
  });
  const pids = { livekit: livekit.pid()!, app: pidListeningOn(port) };
  const concurrent = await measureConcurrent({
    browser,
    baseUrl,
    title: fixture.title,
    links: fixture.links.slice(WARMUP_JOINS + JOINS),
    windowS: WINDOW_S,
    settleS: SETTLE_S,
    rooms,
    pids,
  });

  const problems: string[] = [];
  if (concurrent.stages.length === 0)
    problems.push(`no candidate of ${CANDIDATES} was publishing: ${concurrent.shortfall ?? "unknown reason"}`);
  if (webhooks.rejected() > 0)
    problems.push(`${webhooks.rejected()} webhook(s) to the bench failed the signature check`);
  const report: LivekitReport = {
    machine: machine(),
    loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
    livekitVersion: LIVEKIT_VERSION,
    chromium: `${CHROMIUM} ${browser.version()}`,
    database: dataDir
      ? "pglite (temporary folder, deleted afterwards)"
      : `${databaseKind(env)} (DATABASE_URL; the bench's rows are removed afterwards)`,
    warmupJoins: WARMUP_JOINS,
    joins,
    concurrent,
    clockTicksPerS: CLK_TCK,
    problems,
  };
  printLivekit(report);
  writeJson(RESULTS_FILE, { startedAt: stamp, freshBuild: !skipBuild, ...report });
  console.log(`\nResults written to ${path.relative(ROOT, RESULTS_FILE)}`);
  if (problems.length > 0) {
    console.error(`\n!!!!! ${problems.length} problem(s); the figures are NOT meaningful !!!!!`);
    for (const line of problems) console.error(`!!  ${line}`);
    process.exitCode = 1;
  }
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got ${raw})`);
  return value;
}

main()
  .catch((error: unknown) => {
    if (interrupted) return; // cut short on purpose; what failed is just the servers going away
    console.error(`\n[bench:livekit] failed: ${error instanceof Error ? error.message : String(error)}`);
    for (const file of [appLog, livekitLog].filter((f) => fs.existsSync(f)))
      console.error(`\nLog tail (${path.relative(ROOT, file)}):\n${tail(file)}`);
    process.exitCode = 1;
  })
  .finally(cleanup);
