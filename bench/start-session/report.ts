import type { StartSessionReport } from "./index";

/** A second table under the main one: route vs pgbench, then the checks behind the figures. */
export function printStartSession(report: StartSessionReport): void {
  console.log("\nstart-session on PostgreSQL (every request and every pgbench transaction consumes a fresh invite)");
  if (report.skipped) {
    console.log(`  SKIPPED: ${report.skipped}`);
    return;
  }
  const { route, pgbench } = report;
  console.log(`Database: ${report.database}`);
  const load = report.loadAverage;
  if (load)
    console.log(
      `Load average (1 min): ${load.start.toFixed(2)} at start, ${load.end.toFixed(2)} at end of this scenario`,
    );
  const rows = [["load", "conns", "rate/s", "p50 ms", "p99 ms", "avg ms", "count", "non-2xx", "errors"]];
  for (const ref of report.reference ? [report.reference.me, report.reference.health] : []) {
    rows.push([
      `same server: ${ref.load}`,
      String(ref.connections),
      ref.reqPerSec.toFixed(1),
      ref.p50Ms.toFixed(0),
      ref.p99Ms.toFixed(0),
      "-",
      String(ref.total),
      String(ref.non2xx),
      String(ref.errors),
    ]);
  }
  if (route) {
    rows.push([
      "route: next start, POST start-session",
      String(route.connections),
      route.reqPerSec.toFixed(1),
      route.p50Ms.toFixed(0),
      route.p99Ms.toFixed(0),
      "-",
      String(route.total),
      String(route.non2xx),
      String(route.errors),
    ]);
  }
  if (pgbench) {
    rows.push([
      `pgbench: same statement (-c ${pgbench.clients} -j ${pgbench.threads})`,
      String(pgbench.clients),
      pgbench.tps.toFixed(1),
      "-",
      "-",
      pgbench.latencyAvgMs.toFixed(2),
      String(pgbench.transactions),
      "-",
      String(pgbench.failed),
    ]);
  }
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const line = (row: string[]) =>
    row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join("  ");
  console.log(line(rows[0]!));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(line(row));

  if (report.vsMe) {
    const { reqPerSec, p99 } = report.vsMe;
    const mark = (ok: boolean) => (ok ? "ok" : "MISSED");
    console.log(
      `\nroute / GET /api/v1/users/me, same server and run: req/s ${reqPerSec.toFixed(2)}x (target >= 0.8: ${mark(reqPerSec >= 0.8)}), p99 ${p99.toFixed(2)}x (target <= 1.5: ${mark(p99 <= 1.5)})`,
    );
  }
  if (report.cpu && report.cpu.route.serverMs !== null && report.cpu.me.serverMs !== null) {
    const { me, health, route: r } = report.cpu;
    const ms = (v: number | null) => (v === null ? "-" : v.toFixed(3));
    const row = (c: typeof me) => `${ms(c.serverMs)} / ${ms(c.postgresMs)} / ${ms(c.loadGeneratorMs)}`;
    console.log(
      "\nCPU per request (user+system, measured runs only): server process group / PostgreSQL / load generator, ms",
    );
    console.log(`  GET /api/v1/users/me  ${row(me)}`);
    console.log(`  GET /health           ${row(health)}`);
    console.log(`  POST start-session    ${row(r)}`);
    console.log(`  start-session / me, server CPU per request: ${(r.serverMs! / me.serverMs!).toFixed(2)}x`);
  }
  if (report.ratio !== undefined)
    console.log(
      `\nratio route/pgbench: ${report.ratio.toFixed(3)} (${(report.ratio * 100).toFixed(1)}% of the SQL ceiling)`,
    );
  if (report.pgbenchSkipped) console.log(`\npgbench ceiling SKIPPED: ${report.pgbenchSkipped}`);
  if (route) {
    console.log(
      `route pool: ${route.poolSize} invites, ${route.invitesTaken} handed out (warm-up included), ${route.invitesConsumed} consumed in the database` +
        (route.stoppedEarly ? "; STOPPED EARLY, the pool ran low" : ""),
    );
  }
  if (pgbench) {
    const same = pgbench.transactions === pgbench.invitesConsumed;
    console.log(
      `pgbench check: ${pgbench.transactions} transactions, ${pgbench.invitesConsumed} invites consumed (pool ${pgbench.poolSize}): ${same ? "equal" : "MISMATCH"}`,
    );
  }
  if (report.mintSeconds !== undefined) console.log(`pools minted in ${report.mintSeconds.toFixed(1)} s`);
  console.log(
    "rate/s: route req/s (per-second average) and pgbench tps; route latency covers 2xx only, pgbench's is its average.",
  );
}
