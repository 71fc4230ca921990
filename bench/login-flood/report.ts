import type { LoginFloodReport, TrafficFigures } from "./index";

const mix = (f: TrafficFigures) =>
  Object.entries(f.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status} x${count} (${((count / f.total) * 100).toFixed(1)}%)`)
    .concat(f.errors ? [`errors x${f.errors}`] : [])
    .join(", ");

/** A block under the other tables: real users' success and latency under the flood, and the flood's status mix. */
export function printLoginFlood(report: LoginFloodReport): void {
  console.log(
    "\nlogin-flood: POST /api/v1/auth/login, random unknown emails from many addresses while real users sign in",
  );
  if (report.skipped) {
    console.log(`  SKIPPED: ${report.skipped}`);
    return;
  }
  const { real, flood, settings } = report;
  if (!real || !flood || !settings) return;
  console.log(`Database: ${report.database}   Cache: ${report.cache}`);
  const load = report.loadAverage;
  if (load)
    console.log(
      `Load average (1 min): ${load.start.toFixed(2)} at start, ${load.end.toFixed(2)} at end of this scenario`,
    );
  console.log(
    `flood: ${settings.floodConnections} loops, addresses out of ${settings.floodClients} (X-Forwarded-For, TRUST_PROXY_HOPS=1); ` +
      `real users: the demo accounts at ${settings.realPerSecond}/s; ${settings.durationS} s measured`,
  );
  console.log(
    `real users: ${real.total} logins, success ${(real.successRate * 100).toFixed(1)}%, p50 ${real.p50Ms.toFixed(0)} ms, p99 ${real.p99Ms.toFixed(0)} ms; ${mix(real)}`,
  );
  console.log(
    `flood:      ${flood.total} logins, ${flood.perSecond.toFixed(1)}/s, p50 ${flood.p50Ms.toFixed(0)} ms, p99 ${flood.p99Ms.toFixed(0)} ms; ${mix(flood)}`,
  );
  console.log("Latencies cover every answered request, whatever its status.");
}
