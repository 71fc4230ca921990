import type { TokenRoomReport } from "./index";

/** A block under the other tables: the route, the SDK's raw mint rate as its ceiling, and the ratio. */
export function printTokenRoom(report: TokenRoomReport): void {
  console.log(
    "\ntoken-room: POST /api/token/room, a subscribe-only staff token for one interview room (auth, room check, mint, audit row, stats)",
  );
  if (report.skipped) {
    console.log(`  SKIPPED: ${report.skipped}`);
    return;
  }
  const { route, ceiling, written } = report;
  if (!route || !ceiling) return;
  console.log(`Database: ${report.database}   Cache: ${report.cache}   Caller: ${report.account}`);
  const load = report.loadAverage;
  if (load)
    console.log(
      `Load average (1 min): ${load.start.toFixed(2)} at start, ${load.end.toFixed(2)} at end of this scenario`,
    );

  const rows = [
    ["load", "conns", "rate/s", "p50 ms", "p99 ms", "count", "non-2xx", "errors"],
    [
      "route: next start, POST /api/token/room",
      String(route.connections),
      route.reqPerSec.toFixed(1),
      route.p50Ms.toFixed(0),
      route.p99Ms.toFixed(0),
      String(route.total),
      String(route.non2xx),
      String(route.errors),
    ],
    [
      `ceiling: livekit-server-sdk mint loop, ${ceiling.seconds.toFixed(1)} s`,
      "1",
      ceiling.tokensPerSec.toFixed(0),
      "-",
      "-",
      String(ceiling.tokens),
      "-",
      "-",
    ],
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const line = (row: string[]) =>
    row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join("  ");
  console.log(line(rows[0]!));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(line(row));

  if (report.ratio !== undefined)
    console.log(
      `\nratio route/ceiling: ${report.ratio.toFixed(3)} (${(report.ratio * 100).toFixed(1)}% of the SDK's raw mint rate)`,
    );
  console.log(
    `The ceiling is new AccessToken + addGrant + toJwt with the route's key (${ceiling.key}${ceiling.devSecret ? ", dev secret" : ""}), ` +
      "grant and TTL, one after another on one core of the bench process: no HTTP, auth, database, audit or stats.",
  );
  if (written) {
    const ok = route.total - route.non2xx;
    console.log(
      `Written during the measured run: ${written.auditRows} LIVEKIT_TOKEN_MINTED audit rows and ${written.statsCount} stats counts for ${ok} tokens answered`,
    );
    console.log("(a few more than answered: requests cut off when the run stopped still finish on the server).");
  }
  console.log("rate/s: route req/s (per-second average) and ceiling tokens/s; route latency covers 2xx only.");
}
