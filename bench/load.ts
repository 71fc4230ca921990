import autocannon, { type Result } from "autocannon";

// Every figure can be shrunk from the environment for a quick smoke run, e.g. BENCH_DURATION_S=2 BENCH_WARMUP_S=1.
export const num = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
export const durationS = (fallback: number) => num("BENCH_DURATION_S", fallback);
export const WARMUP_S = num("BENCH_WARMUP_S", 3); // seconds: JIT, connection pools and bcrypt worker settle
const CONNECTIONS = num("BENCH_CONNECTIONS", 50);
// One login in flight per demo account (5): the throttle counts an attempt until it succeeds, and a benchmark must not
// measure the throttle. One bcrypt worker saturates well below that concurrency anyway.
const LOGIN_CONNECTIONS = num("BENCH_LOGIN_CONNECTIONS", 5);
// A slow answer should show up in p99, not vanish as an error: with a few bcrypt logins per second, 10 queued
// logins already wait about 3 s each.
const REQUEST_TIMEOUT_S = 30; // seconds

export interface Load {
  name: string;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Bodies sent in turn instead of `body`. */
  bodies?: string[];
  connections: number;
}

/** Loads in one scenario run at the same time, for the same duration. */
export interface Scenario {
  name: string;
  durationS: number;
  loads: Load[];
}

export function scenarios(opts: { emails: string[]; password: string; token: string }): Scenario[] {
  const health: Load = { name: "GET /health", method: "GET", path: "/health", connections: CONNECTIONS };
  const me: Load = {
    name: "GET /api/v1/users/me",
    method: "GET",
    path: "/api/v1/users/me",
    headers: { authorization: `Bearer ${opts.token}` },
    connections: CONNECTIONS,
  };
  // Correct credentials, rotated over the demo accounts: every attempt takes a throttle unit until it succeeds, so
  // more than 5 logins in flight for ONE account from one address would (rightly) get 429s.
  const login: Load = {
    name: "POST /api/v1/auth/login",
    method: "POST",
    path: "/api/v1/auth/login",
    headers: { "content-type": "application/json" },
    bodies: opts.emails.map((email) => JSON.stringify({ email, password: opts.password })),
    connections: LOGIN_CONNECTIONS,
  };
  return [
    { name: "health", durationS: durationS(10), loads: [health] },
    { name: "me", durationS: durationS(10), loads: [me] },
    { name: "login", durationS: durationS(15), loads: [login] },
    // Shows whether bcrypt (in its worker pool) starves the event loop that serves everything else.
    { name: "login+me", durationS: durationS(15), loads: [login, me] },
  ];
}

export interface LoadResult {
  scenario: string;
  load: string;
  connections: number;
  durationS: number;
  reqPerSec: number;
  p50Ms: number; // 2xx responses only (autocannon leaves failures out of the latency histogram)
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number; // socket errors and timeouts
  timeouts: number;
  statusCodes: Record<string, number>;
}

/**
 * Warm-up, then the measured run. `settle` runs after each: autocannon drops its in-flight requests when a run ends,
 * but the server still finishes their bcrypt work, and a run that starts behind that backlog measures the backlog.
 */
export async function runScenario(
  baseUrl: string,
  scenario: Scenario,
  settle: () => Promise<void>,
): Promise<LoadResult[]> {
  await runLoads(baseUrl, scenario.loads, WARMUP_S);
  await settle();
  const results = await runLoads(baseUrl, scenario.loads, scenario.durationS);
  await settle();
  return results.map((r, i) => summarize(scenario, scenario.loads[i]!, r));
}

function runLoads(baseUrl: string, loads: Load[], durationS: number): Promise<Result[]> {
  return Promise.all(
    loads.map((load) =>
      autocannon({
        url: baseUrl + load.path,
        title: load.name,
        method: load.method,
        headers: load.headers,
        ...(load.bodies
          ? { requests: [{ method: load.method, setupRequest: rotateBodies(load.bodies) }] }
          : { body: load.body }),
        connections: load.connections,
        duration: durationS,
        timeout: REQUEST_TIMEOUT_S,
      }),
    ),
  );
}

function rotateBodies(bodies: string[]) {
  let next = 0;
  return (request: { body?: string }) => ({ ...request, body: bodies[next++ % bodies.length] });
}

export function summarize(scenario: Scenario, load: Load, r: Result): LoadResult {
  return {
    scenario: scenario.name,
    load: load.name,
    connections: load.connections,
    durationS: scenario.durationS,
    reqPerSec: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count])),
  };
}
