import { TARGET_P95_MS, type BoardReport } from "./index";
import type { Timing } from "./measure";

function printTimings(title: string, baseline: Timing, cases: Timing[]): void {
  const rows = [
    ["case (page of 50)", "calls", "p50 ms", "p95 ms", "max ms", "p95 / baseline"],
    [
      `baseline: ${baseline.label}`,
      String(baseline.calls),
      baseline.p50Ms.toFixed(1),
      baseline.p95Ms.toFixed(1),
      baseline.maxMs.toFixed(1),
      "1.0",
    ],
    ...cases.map((t) => [
      t.label,
      String(t.calls),
      t.p50Ms.toFixed(1),
      t.p95Ms.toFixed(1) + (t.p95Ms >= TARGET_P95_MS ? " !" : ""),
      t.maxMs.toFixed(1),
      t.ratio === undefined ? "-" : t.ratio.toFixed(1),
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const line = (row: string[]) =>
    row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join("  ");
  console.log(`\n${title}`);
  console.log(line(rows[0]!));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(line(row));
}

/** A block under the other tables: the fixture, then both measurements with their baselines, then the verdict. */
export function printBoard(report: BoardReport): void {
  console.log("\nboard: the ranked candidate board of one interview, one request at a time (a reviewer paging it)");
  if (report.skipped) {
    console.log(`  SKIPPED: ${report.skipped}`);
    return;
  }
  const { fixture, direct, http } = report;
  if (!fixture || !direct || !http) return;
  console.log(`Database: ${report.database}`);
  const load = report.loadAverage;
  if (load)
    console.log(
      `Load average (1 min): ${load.start.toFixed(2)} at start, ${load.end.toFixed(2)} at end of this scenario`,
    );
  console.log(
    `Fixture: ${fixture.sessions} completed sessions (one invite each), ${fixture.scorecards} submitted scorecards from ${fixture.reviewers} reviewers, ` +
      `${fixture.evaluations} evaluations, ${fixture.decisions} decisions; blind review on (the viewer submitted on about a third); seeded in ${(fixture.seedMs / 1000).toFixed(1)} s`,
  );
  printTimings("listBoard (lib/board) called directly, access check included:", direct.baseline, direct.cases);
  printTimings(
    "GET /api/interviewer/interviews/{id}/board on next start, Bearer token, JSON read whole:",
    http.baseline,
    http.cases,
  );
  const csv = http.csv;
  console.log(
    `${csv.label}: ${csv.calls} requests, p50 ${csv.p50Ms.toFixed(0)} ms, p95 ${csv.p95Ms.toFixed(0)} ms (no page: not held to the target)`,
  );
  if (report.missed?.length) {
    console.log(`\nTarget p95 < ${TARGET_P95_MS} ms MISSED by ${report.missed.length} case(s) (marked !):`);
    for (const miss of report.missed) console.log(`  ${miss}`);
  } else console.log(`\nTarget p95 < ${TARGET_P95_MS} ms: met by every page case, directly and over HTTP.`);
}
