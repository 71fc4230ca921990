import type http from "node:http";

// With NEXT_MANUAL_SIG_HANDLE=true Next leaves SIGTERM to us. We stop accepting connections, let requests in flight
// finish (a login waiting for bcrypt included) for up to DRAIN_TIMEOUT_MS, and only then close the pools.

const DRAIN_TIMEOUT_MS = 10_000;
const POLL_MS = 50;

const servers = new Set<http.Server>();
let inFlight = 0;

/** Called for every request the HTTP server emits (see boot.ts). */
export function trackRequest(server: http.Server, res: http.ServerResponse): void {
  servers.add(server);
  inFlight++;
  res.once("close", () => {
    inFlight--;
  });
}

export async function drain(): Promise<{ unfinished: number }> {
  for (const server of servers) {
    server.close();
    server.closeIdleConnections();
  }
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  return { unfinished: inFlight };
}
