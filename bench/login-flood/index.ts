import os from "node:os";
import { num, WARMUP_S, durationS } from "../load";
import { flood, newTally, realUsers, type Tally } from "./traffic";

// A flood of logins for random emails (no such accounts) from many client addresses, while real users sign in with
// the right password. Before the fix each unknown email cost a dummy bcrypt run in the pool, so a few per second kept
// the pool's queue full and real users got 503. Figures: the real users' success rate and latency, the flood's rate
// and status mix (401 while an address has failures left, 429 once it has used them up).

const FLOOD_CONNECTIONS = num("BENCH_FLOOD_CONNECTIONS", 50);
const FLOOD_CLIENTS = num("BENCH_FLOOD_CLIENTS", 200); // simulated client addresses
const REAL_PER_SECOND = num("BENCH_FLOOD_REAL_RPS", 2); // below one bcrypt worker's ~3.5 logins/s at cost 12
const DURATION_S = durationS(20);

export interface TrafficFigures {
  total: number;
  perSecond: number;
  statuses: Record<string, number>;
  errors: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoginFloodReport {
  skipped?: string;
  database?: string;
  cache?: string;
  loadAverage?: { start: number; end: number };
  settings?: { floodConnections: number; floodClients: number; realPerSecond: number; durationS: number };
  real?: TrafficFigures & { successRate: number };
  flood?: TrafficFigures;
  problems: string[];
}

function figures(tally: Tally, seconds: number): TrafficFigures {
  const sorted = [...tally.latencies].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0;
  const total = sorted.length + tally.errors;
  return {
    total,
    perSecond: total / seconds,
    statuses: tally.statuses,
    errors: tally.errors,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

export async function benchLoginFlood(opts: {
  baseUrl: string;
  emails: string[];
  password: string;
  databaseLabel: string;
  cacheLabel: string;
}): Promise<LoginFloodReport> {
  const loadAtStart = os.loadavg()[0]!;
  const run = async (seconds: number) => {
    const until = Date.now() + seconds * 1000;
    const floodTally = newTally();
    const realTally = newTally();
    await Promise.all([
      flood({
        baseUrl: opts.baseUrl,
        connections: FLOOD_CONNECTIONS,
        clients: FLOOD_CLIENTS,
        until,
        tally: floodTally,
      }),
      realUsers({
        baseUrl: opts.baseUrl,
        emails: opts.emails,
        password: opts.password,
        perSecond: REAL_PER_SECOND,
        until,
        tally: realTally,
      }),
    ]);
    return { floodTally, realTally };
  };

  console.log(`[bench] login-flood: warm-up ${WARMUP_S} s`);
  await run(WARMUP_S);
  console.log(
    `[bench] login-flood: ${FLOOD_CONNECTIONS} flood loops over ${FLOOD_CLIENTS} addresses + real users at ${REAL_PER_SECOND}/s, ${DURATION_S} s`,
  );
  const { floodTally, realTally } = await run(DURATION_S);

  const realFigures = figures(realTally, DURATION_S);
  const real = {
    ...realFigures,
    successRate: realFigures.total ? (realTally.statuses["200"] ?? 0) / realFigures.total : 0,
  };
  const floodFigures = figures(floodTally, DURATION_S);
  const problems: string[] = [];
  if (real.total === 0) problems.push("no real-user login completed");
  if (floodFigures.total === 0) problems.push("no flood request completed");
  if (real.successRate < 0.99)
    problems.push(`real users succeeded only ${(real.successRate * 100).toFixed(1)}% of the time`);
  if (Object.keys(floodFigures.statuses).some((s) => s.startsWith("5"))) problems.push("the flood got 5xx answers");
  return {
    database: opts.databaseLabel,
    cache: opts.cacheLabel,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
    settings: {
      floodConnections: FLOOD_CONNECTIONS,
      floodClients: FLOOD_CLIENTS,
      realPerSecond: REAL_PER_SECOND,
      durationS: DURATION_S,
    },
    real,
    flood: floodFigures,
    problems,
  };
}
