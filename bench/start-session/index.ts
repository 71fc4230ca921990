import fs from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { durationS, num, runScenario, summarize, WARMUP_S, type Load, type LoadResult } from "../load";
import { cpuPerRequest, cpuSnapshot, type CpuSnapshot } from "../process-cpu";
import { consumedInvites, mintFixture, overdrawnInvites, PGBENCH_TAG, removeFixture, ROUTE_TAG } from "./invites";
import { pgbenchBinary, runPgbench, type PgbenchResult } from "./pgbench";
import { InvitePool, runRouteLoad } from "./route-load";

// POST /api/candidates/interviews/start-session on PostgreSQL, every request consuming a fresh invite, and as its
// ceiling the same statement run by pgbench on the same database at the same concurrency. Before it, on the same
// server at the same concurrency and duration, GET /api/v1/users/me (a plain authenticated read) and GET /health, so
// the route's req/s and p99 can be given as ratios to a trivial read measured in the same run (issue 14's targets).
const POOL_SIZE = num("BENCH_POOL_SIZE", 100_000); // invites for the route: ~80 s at the ~1.2k req/s measured here
const CONNECTIONS = num("BENCH_START_CONNECTIONS", 50);
const DURATION_S = durationS(15);
// pgbench measured ~10k tps here: size its pool for 2.5 times that, so it cannot run dry within the duration.
const PGBENCH_HEADROOM_TPS = 25_000; // transactions per second the pgbench pool is sized for
const PGBENCH_POOL_SIZE = num("BENCH_PGBENCH_POOL_SIZE", Math.max(POOL_SIZE, PGBENCH_HEADROOM_TPS * DURATION_S));
const DRAIN_MS = 1_000; // after the warm-up: requests autocannon dropped still finish on the server

export interface StartSessionReport {
  /** Set when the scenario did not run at all; the reason is printed instead of figures. */
  skipped?: string;
  database?: string;
  mintSeconds?: number;
  // 1-minute load average around this scenario: a concurrent build or test run on the machine skews both figures.
  loadAverage?: { start: number; end: number };
  route?: LoadResult & {
    poolSize: number;
    invitesTaken: number;
    invitesConsumed: number;
    stoppedEarly: boolean;
    reusedValues: number;
  };
  pgbench?: Omit<PgbenchResult, "output"> & { poolSize: number; invitesConsumed: number };
  pgbenchSkipped?: string;
  /** route req/s divided by pgbench tps. */
  ratio?: number;
  /** The same server's plain reads, measured just before the route: the yardstick for the route's ratios. */
  reference?: { me: LoadResult; health: LoadResult };
  /** route req/s / me req/s (target >= 0.8) and route p99 / me p99 (target <= 1.5). */
  vsMe?: { reqPerSec: number; p99: number };
  /**
   * CPU milliseconds per request of the server's processes and of PostgreSQL's, during each measured run (warm-up
   * excluded): the machine's cores are shared by the server, the load generator and the database, so these say what
   * each request costs whatever the others took. null where /proc cannot be read.
   */
  cpu?: Record<
    "me" | "health" | "route",
    { serverMs: number | null; postgresMs: number | null; loadGeneratorMs: number | null }
  >;
  /** Anything that makes the figures untrustworthy; printed loudly and fails the run. */
  problems: string[];
}

export async function benchStartSession(opts: {
  baseUrl: string;
  databaseUrl: string;
  databaseLabel: string;
  ownsDatabase: boolean;
  stamp: string;
  dataDir: string;
  /** An access token of the demo ADMIN, for the GET /api/v1/users/me reference. */
  staffToken: string;
  /** The server's process group, for its CPU time per request. */
  serverGroup?: number;
}): Promise<StartSessionReport> {
  const sql = postgres(opts.databaseUrl, { max: 2, onnotice: () => {} });
  const problems: string[] = [];
  const loadAtStart = os.loadavg()[0]!;
  try {
    console.log(
      `[bench] start-session: minting ${POOL_SIZE} route invites and ${PGBENCH_POOL_SIZE} pgbench invites in ${opts.databaseLabel}`,
    );
    const minting = performance.now();
    const fixture = await mintFixture(sql, {
      stamp: opts.stamp,
      dataDir: opts.dataDir,
      routePoolSize: POOL_SIZE,
      pgbenchPoolSize: PGBENCH_POOL_SIZE,
    });
    const mintSeconds = (performance.now() - minting) / 1000;
    console.log(`[bench] start-session: pool minted in ${mintSeconds.toFixed(1)} s`);
    await flushFixtureWrites(sql, problems);
    try {
      const { cpu: referenceCpu, ...reference } = await measureReference(
        opts.baseUrl,
        opts.staffToken,
        opts.serverGroup,
        problems,
      );
      const pool = new InvitePool(fixture.valuesFile);
      console.log(`[bench] start-session: route x${CONNECTIONS}, ${DURATION_S} s after ${WARMUP_S} s warm-up`);
      await runRouteLoad({ baseUrl: opts.baseUrl, pool, connections: CONNECTIONS, durationS: WARMUP_S });
      await new Promise((r) => setTimeout(r, DRAIN_MS));
      const cpuBefore = cpuSnapshot(opts.serverGroup);
      const run = await runRouteLoad({ baseUrl: opts.baseUrl, pool, connections: CONNECTIONS, durationS: DURATION_S });
      await new Promise((r) => setTimeout(r, DRAIN_MS));
      const routeCpu = cpuPerRequest(cpuBefore, cpuSnapshot(opts.serverGroup), run.result.requests.total);
      const load = {
        name: "POST /api/candidates/interviews/start-session",
        method: "POST" as const,
        path: "",
        connections: CONNECTIONS,
      };
      const route = {
        ...summarize({ name: "start-session", durationS: DURATION_S, loads: [load] }, load, run.result),
        poolSize: pool.size,
        invitesTaken: pool.used,
        invitesConsumed: await consumedInvites(sql, fixture, ROUTE_TAG),
        stoppedEarly: run.stoppedEarly,
        reusedValues: run.reusedValues,
      };
      if (route.non2xx > 0) {
        const codes = Object.entries(route.statusCodes)
          .filter(([c]) => !c.startsWith("2"))
          .map(([c, n]) => `${c}x${n}`)
          .join(", ");
        problems.push(
          `route: ${route.non2xx} non-2xx (${codes}); every invite is fresh, so a 4xx means the pool logic is wrong`,
        );
      }
      if (route.errors > 0) problems.push(`route: ${route.errors} socket errors (${route.timeouts} timeouts)`);
      if (route.total === 0) problems.push("route: no request completed");
      if (run.reusedValues > 0)
        problems.push(
          `route: the pool ran dry, ${run.reusedValues} requests repeated an invite (raise BENCH_POOL_SIZE)`,
        );
      if (run.stoppedEarly)
        console.warn(`[bench] start-session: the pool ran low; the route run stopped early (raise BENCH_POOL_SIZE)`);

      let pgbench: StartSessionReport["pgbench"];
      let pgbenchSkipped: string | undefined;
      console.log(`[bench] start-session: pgbench x${CONNECTIONS}, ${DURATION_S} s, same statement`);
      try {
        const { output: _output, ...result } = await runPgbench({
          databaseUrl: opts.databaseUrl,
          fixture,
          dataDir: opts.dataDir,
          clients: CONNECTIONS,
          durationS: DURATION_S,
        });
        pgbench = {
          ...result,
          poolSize: fixture.pgbenchPoolSize,
          invitesConsumed: await consumedInvites(sql, fixture, PGBENCH_TAG),
        };
        // Every pgbench transaction must have consumed exactly one fresh invite; otherwise it timed no-ops.
        if (pgbench.invitesConsumed !== pgbench.transactions) {
          problems.push(
            `pgbench: ${pgbench.transactions} transactions but ${pgbench.invitesConsumed} invites consumed`,
          );
        }
        if (pgbench.invitesConsumed >= pgbench.poolSize)
          problems.push("pgbench: its pool ran dry (raise BENCH_PGBENCH_POOL_SIZE)");
        if (pgbench.failed > 0) problems.push(`pgbench: ${pgbench.failed} failed transactions`);
      } catch (error) {
        const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
        pgbenchSkipped = missing
          ? `${pgbenchBinary()} not found (set BENCH_PGBENCH)`
          : String(error instanceof Error ? error.message : error);
        if (!missing) problems.push(`pgbench failed: ${pgbenchSkipped.split("\n")[0]}`);
      }
      const overdrawn = await overdrawnInvites(sql, fixture);
      if (overdrawn > 0) problems.push(`${overdrawn} invites have more attempts than allowed`);
      const ratio = pgbench && pgbench.tps > 0 ? route.reqPerSec / pgbench.tps : undefined;
      const loadAverage = { start: loadAtStart, end: os.loadavg()[0]! };
      const vsMe =
        reference.me.reqPerSec > 0 && reference.me.p99Ms > 0
          ? { reqPerSec: route.reqPerSec / reference.me.reqPerSec, p99: route.p99Ms / reference.me.p99Ms }
          : undefined;
      const cpu = { ...referenceCpu, route: routeCpu };
      return {
        database: opts.databaseLabel,
        mintSeconds,
        loadAverage,
        route,
        pgbench,
        pgbenchSkipped,
        ratio,
        reference,
        vsMe,
        cpu,
        problems,
      };
    } finally {
      // A throwaway database is dropped whole by the caller; someone's DATABASE_URL gets its rows removed.
      if (!opts.ownsDatabase) await removeFixture(sql, fixture);
      fs.rmSync(fixture.valuesFile, { force: true }); // ~4.4 MB of values nobody can use once the pool is gone
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Minting the pools writes about 500 MB of WAL, enough to start a checkpoint (max_wal_size's default is 1 GB) in the
 * middle of the measured runs, where its writes and the full-page images after it would land on the route (which
 * writes) and not on /users/me (which never reaches the database). A checkpoint now flushes the fixture first; the
 * route's own writes, about 10 KB of WAL per start, are far from triggering another within the runs.
 */
async function flushFixtureWrites(sql: postgres.Sql, problems: string[]): Promise<void> {
  try {
    await sql`CHECKPOINT`;
  } catch (error) {
    // CHECKPOINT needs a superuser or pg_checkpoint (PostgreSQL 15+); without it the figures may carry the fixture's.
    problems.push(
      `CHECKPOINT after minting refused (${(error as Error).message}): grant pg_checkpoint to the bench's role`,
    );
  }
}

/** GET /api/v1/users/me and GET /health on the route's server, each with its own warm-up, one after the other. */
type PerRequestCpu = ReturnType<typeof cpuPerRequest>;

async function measureReference(
  baseUrl: string,
  token: string,
  serverGroup: number | undefined,
  problems: string[],
): Promise<{ me: LoadResult; health: LoadResult; cpu: { me: PerRequestCpu; health: PerRequestCpu } }> {
  const me: Load = {
    name: "GET /api/v1/users/me",
    method: "GET",
    path: "/api/v1/users/me",
    headers: { authorization: `Bearer ${token}` },
    connections: CONNECTIONS,
  };
  const health: Load = { name: "GET /health", method: "GET", path: "/health", connections: CONNECTIONS };
  const results: LoadResult[] = [];
  const cpu: PerRequestCpu[] = [];
  for (const load of [me, health]) {
    console.log(
      `[bench] start-session: reference ${load.name} x${CONNECTIONS}, ${DURATION_S} s after ${WARMUP_S} s warm-up`,
    );
    // runScenario settles after the warm-up and after the run: the CPU snapshots bracket the measured run.
    const snapshots: CpuSnapshot[] = [];
    const settle = async () => {
      await new Promise((r) => setTimeout(r, DRAIN_MS));
      snapshots.push(cpuSnapshot(serverGroup));
    };
    const [result] = await runScenario(
      baseUrl,
      { name: "start-session reference", durationS: DURATION_S, loads: [load] },
      settle,
    );
    if (result!.non2xx > 0 || result!.errors > 0)
      problems.push(`reference ${load.name}: ${result!.non2xx} non-2xx, ${result!.errors} errors`);
    results.push(result!);
    cpu.push(cpuPerRequest(snapshots[0]!, snapshots[1]!, result!.total));
  }
  return { me: results[0]!, health: results[1]!, cpu: { me: cpu[0]!, health: cpu[1]! } };
}
