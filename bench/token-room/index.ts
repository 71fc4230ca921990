import { cacheKind } from "../server-kinds";
import os from "node:os";
import autocannon, { type Result } from "autocannon";
import postgres, { type Sql } from "postgres";
import { durationS, num, summarize, WARMUP_S, type Load, type LoadResult } from "../load";
import { removeUploadFixture } from "../upload/fixture";
import { measureMintCeiling, type MintCeiling } from "./ceiling";
import { makeRoomFixture, mintedLastHour } from "./fixture";

// POST /api/token/room at concurrency 50: a staff member's subscribe-only token for one interview room, every request
// authenticated, checked against the room's company, minted, audited and counted in the stats. As its ceiling, the
// SDK's raw mint rate in this process.
const PATH = "/api/token/room";
const CONNECTIONS = num("BENCH_CONNECTIONS", 50);
const DURATION_S = durationS(15);
const REQUEST_TIMEOUT_S = 30; // seconds, as the other loads: a slow answer belongs in p99, not among the errors
const DRAIN_MS = 1_000; // requests autocannon dropped at the end of a run still finish (and audit) on the server
const PARTICIPANT = { name: "Bench Observer", identity: "bench" };
const PERMISSIONS = { can_subscribe: true };

export interface TokenRoomReport {
  skipped?: string;
  database?: string;
  cache?: string;
  account?: string;
  loadAverage?: { start: number; end: number };
  route?: LoadResult;
  ceiling?: MintCeiling;
  /** route req/s divided by the ceiling's tokens/s. */
  ratio?: number;
  /** What the measured run left behind: one audit row and one stats count per token issued. */
  written?: { auditRows: number; statsCount: number };
  problems: string[];
}

export async function benchTokenRoom(opts: {
  baseUrl: string;
  staffToken: string;
  account: string;
  /** The server's environment: the ceiling mints with its LiveKit key, secret and TTL. */
  serverEnv: NodeJS.ProcessEnv;
  databaseUrl: string;
  databaseLabel: string;
  ownsDatabase: boolean;
  stamp: string;
}): Promise<TokenRoomReport> {
  const loadAtStart = os.loadavg()[0]!;
  const fixture = await makeRoomFixture({ baseUrl: opts.baseUrl, staffToken: opts.staffToken, stamp: opts.stamp });
  const sql = postgres(opts.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const body = JSON.stringify({
      room_name: fixture.room,
      participant_name: PARTICIPANT.name,
      participant_identity: PARTICIPANT.identity,
      permissions: PERMISSIONS,
    });
    const headers = { "content-type": "application/json", authorization: `Bearer ${opts.staffToken}` };
    // One request first: a refusal should stop the run with its reason, not fill a table with 4xx figures.
    const probe = await fetch(opts.baseUrl + PATH, { method: "POST", headers, body });
    if (probe.status !== 200)
      throw new Error(`POST ${PATH} for room ${fixture.room}: ${probe.status} ${await probe.text()}`);
    await probe.body?.cancel();

    // While the server is idle, so the loop has a core to itself.
    console.log(`[bench] token-room: SDK mint ceiling, one core in this process`);
    const ceiling = await measureMintCeiling({
      serverEnv: opts.serverEnv,
      room: fixture.room,
      participantName: PARTICIPANT.name,
      participantIdentity: PARTICIPANT.identity,
      permissions: PERMISSIONS,
    });

    console.log(
      `[bench] token-room: ${PATH} x${CONNECTIONS} as ${opts.account}, ${DURATION_S} s after ${WARMUP_S} s warm-up`,
    );
    const load: Load = { name: `POST ${PATH}`, method: "POST", path: PATH, headers, body, connections: CONNECTIONS };
    await runLoad(opts.baseUrl, load, WARMUP_S);
    await sleep(DRAIN_MS);
    const before = {
      auditRows: await auditRows(sql, fixture.sessionId),
      statsCount: await mintedLastHour(opts.baseUrl, opts.staffToken),
    };
    const result = await runLoad(opts.baseUrl, load, DURATION_S);
    await sleep(DRAIN_MS);
    const after = {
      auditRows: await auditRows(sql, fixture.sessionId),
      statsCount: await mintedLastHour(opts.baseUrl, opts.staffToken),
    };

    const route = summarize({ name: "token-room", durationS: DURATION_S, loads: [load] }, load, result);
    const written = { auditRows: after.auditRows - before.auditRows, statsCount: after.statsCount - before.statsCount };
    return {
      database: opts.databaseLabel,
      cache: cacheKind(opts.serverEnv),
      account: opts.account,
      loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
      route,
      ceiling,
      ratio: ceiling.tokensPerSec > 0 ? route.reqPerSec / ceiling.tokensPerSec : undefined,
      written,
      problems: problems(route, written),
    };
  } finally {
    await sql.end({ timeout: 5 });
    // A throwaway database is dropped whole by the caller; someone's DATABASE_URL gets its rows removed.
    if (!opts.ownsDatabase) await removeUploadFixture(opts.databaseUrl, fixture.interviewId);
  }
}

function runLoad(baseUrl: string, load: Load, durationS: number): Promise<Result> {
  return autocannon({
    url: baseUrl + load.path,
    title: load.name,
    method: load.method,
    headers: load.headers,
    body: load.body,
    connections: load.connections,
    duration: durationS,
    timeout: REQUEST_TIMEOUT_S,
  });
}

async function auditRows(sql: Sql, sessionId: string): Promise<number> {
  const [row] = await sql<{ n: string }[]>`
    SELECT count(*) AS n FROM audit_logs WHERE action = 'LIVEKIT_TOKEN_MINTED' AND resource_id = ${sessionId}`;
  return Number(row!.n);
}

/**
 * Every request must answer 200, and every 200 must have written its audit row and stats count before answering
 * (a few more are fine: requests autocannon cut off at the end still finish on the server).
 */
function problems(route: LoadResult, written: { auditRows: number; statsCount: number }): string[] {
  const found: string[] = [];
  const ok = route.total - route.non2xx;
  if (route.non2xx > 0) {
    const codes = Object.entries(route.statusCodes)
      .filter(([c]) => !c.startsWith("2"))
      .map(([c, n]) => `${c}x${n}`)
      .join(", ");
    found.push(`${route.non2xx} non-2xx (${codes})`);
  }
  if (route.errors > 0) found.push(`${route.errors} socket errors (${route.timeouts} timeouts)`);
  if (route.total === 0) found.push("no request completed");
  if (written.auditRows < ok) found.push(`${ok} tokens issued but only ${written.auditRows} audit rows written`);
  if (written.statsCount < ok) found.push(`${ok} tokens issued but the stats counted only ${written.statsCount}`);
  return found;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
