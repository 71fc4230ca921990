import fs from "node:fs";
import autocannon, { type Result } from "autocannon";

// Each request consumes the next fresh invite from the pool file. autocannon stops clients only at its next 1-second
// tick, so the stop is asked for while a reserve is left: a reused invite would answer 403 and spoil the figures.
const STOP_RESERVE = 10_000; // invites: several seconds of traffic at the ~1-2k req/s one next start process serves
const REQUEST_TIMEOUT_S = 30; // seconds, as the other loads: a slow answer belongs in p99, not among the errors
const PATH = "/api/candidates/interviews/start-session";

/** Hands out pool values in order, across the warm-up and the measured run, and says when to stop. */
export class InvitePool {
  private readonly values: string[];
  private next = 0;
  readonly reserve: number;

  constructor(valuesFile: string) {
    this.values = fs.readFileSync(valuesFile, "utf8").split("\n").filter(Boolean);
    this.reserve = Math.min(STOP_RESERVE, Math.floor(this.values.length / 2));
  }

  get size(): number {
    return this.values.length;
  }

  get used(): number {
    return this.next;
  }

  /** True once the run should stop to keep the reserve for the requests already under way. */
  get low(): boolean {
    return this.values.length - this.next <= this.reserve;
  }

  /** The next fresh value; only past the reserve would it have to repeat one (flagged by the caller as exhaustion). */
  take(): { value: string; fresh: boolean } {
    const fresh = this.next < this.values.length;
    const value = this.values[Math.min(this.next, this.values.length - 1)]!;
    this.next++;
    return { value, fresh };
  }
}

export interface RouteRun {
  result: Result;
  stoppedEarly: boolean; // the pool ran low before the duration was over
  reusedValues: number; // requests that had to repeat a value: each one is a 403, not a measurement
}

export async function runRouteLoad(opts: {
  baseUrl: string;
  pool: InvitePool;
  connections: number;
  durationS: number;
}): Promise<RouteRun> {
  let stoppedEarly = false;
  let reusedValues = 0;
  const setupRequest = (request: { body?: string }) => {
    const { value, fresh } = opts.pool.take();
    if (!fresh) reusedValues++;
    if (opts.pool.low && !stoppedEarly) {
      stoppedEarly = true;
      // Deferred: the instance is only assigned once autocannon() returns, after the first requests were set up.
      setImmediate(() => instance.stop());
    }
    return { ...request, body: JSON.stringify({ token: value }) };
  };
  const instance = autocannon({
    url: opts.baseUrl + PATH,
    title: `POST ${PATH}`,
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "bench/autocannon" },
    requests: [{ method: "POST", setupRequest }],
    connections: opts.connections,
    duration: opts.durationS,
    timeout: REQUEST_TIMEOUT_S,
  });
  const result = await instance;
  return { result, stoppedEarly, reusedValues };
}
