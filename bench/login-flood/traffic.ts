import { randomUUID } from "node:crypto";

// The two kinds of traffic of the login-flood scenario. Each request carries X-Forwarded-For, which the server (started
// with TRUST_PROXY_HOPS=1) takes as the client address, so one bench process plays many clients.

const PATH = "/api/v1/auth/login";
const REQUEST_TIMEOUT_MS = 60_000; // a slow answer belongs in p99, not among the errors

export interface Tally {
  statuses: Record<string, number>;
  /** Milliseconds, one per answered request. */
  latencies: number[];
  errors: number;
}

export const newTally = (): Tally => ({ statuses: {}, latencies: [], errors: 0 });

async function loginOnce(
  baseUrl: string,
  body: { email: string; password: string },
  clientIp: string,
  tally: Tally,
): Promise<void> {
  const started = performance.now();
  try {
    const response = await fetch(baseUrl + PATH, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": clientIp },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    tally.statuses[response.status] = (tally.statuses[response.status] ?? 0) + 1;
    tally.latencies.push(performance.now() - started);
  } catch {
    tally.errors++;
  }
}

/** A simulated client address: 10.x.y.z, one of `clients`. */
const floodAddress = (index: number) => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255 || 1}`;

/**
 * `connections` loops, each sending logins for random emails that have no account, one after another, from random
 * addresses out of `clients`, until `until` (epoch ms). Closed loop: as fast as the server answers.
 */
export async function flood(opts: {
  baseUrl: string;
  connections: number;
  clients: number;
  until: number;
  tally: Tally;
}): Promise<void> {
  const loop = async () => {
    while (Date.now() < opts.until) {
      const email = `flood-${randomUUID()}@nowhere.example`;
      const client = floodAddress(Math.floor(Math.random() * opts.clients));
      await loginOnce(opts.baseUrl, { email, password: randomUUID() }, client, opts.tally);
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, loop));
}

/**
 * Real users signing in with the right password at a steady `perSecond` (open loop: a slow answer does not slow the
 * arrivals), in turn over the accounts, each from an address of its own.
 */
export async function realUsers(opts: {
  baseUrl: string;
  emails: string[];
  password: string;
  perSecond: number;
  until: number;
  tally: Tally;
}): Promise<void> {
  const inFlight: Promise<void>[] = [];
  const intervalMs = 1000 / opts.perSecond;
  for (let i = 0; Date.now() < opts.until; i++) {
    const account = i % opts.emails.length;
    inFlight.push(
      loginOnce(
        opts.baseUrl,
        { email: opts.emails[account]!, password: opts.password },
        `198.51.100.${account + 1}`,
        opts.tally,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  await Promise.all(inFlight);
}
