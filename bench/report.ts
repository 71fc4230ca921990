import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LoadResult } from "./load";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
}

export interface Context {
  machine: Machine;
  // 1-minute load average before and after: other work on the machine skews every figure, so show it.
  loadAverage: { start: number; end: number };
  database: string;
  cache: string;
  idleLoginMs: number;
}

export function printTable(results: LoadResult[], context: Context): void {
  const m = context.machine;
  const load = context.loadAverage;
  console.log(`\nMachine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, node ${m.node}, ${m.platform}`);
  console.log(`Load average (1 min): ${load.start.toFixed(2)} at start, ${load.end.toFixed(2)} at end`);
  console.log(`Database: ${context.database}   Cache: ${context.cache}   Server: next start (production build)`);
  console.log(`One login on the idle server (fastest of a few): ${context.idleLoginMs.toFixed(0)} ms\n`);

  const rows = [
    ["scenario", "load", "conns", "req/s", "p50 ms", "p99 ms", "requests", "non-2xx", "errors"],
    ...results.map((r) => [
      r.scenario,
      r.load,
      String(r.connections),
      r.reqPerSec.toFixed(1),
      r.p50Ms.toFixed(0),
      r.p99Ms.toFixed(0),
      String(r.total),
      String(r.non2xx),
      String(r.errors),
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  // Text columns left-aligned, numbers right-aligned.
  const line = (row: string[]) =>
    row.map((cell, col) => (col < 2 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join("  ");
  console.log(line(rows[0]!));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(line(row));
  console.log("\nreq/s is the per-second average; latency percentiles cover 2xx responses only.");
}

/** One line per load whose requests failed or never completed: its figures do not describe the route. */
export function failures(results: LoadResult[]): string[] {
  return results
    .filter((r) => r.non2xx > 0 || r.errors > 0 || r.total === 0)
    .map((r) => {
      const codes = Object.entries(r.statusCodes)
        .filter(([code]) => !code.startsWith("2"))
        .map(([code, count]) => `${code}x${count}`)
        .join(", ");
      if (r.total === 0 && r.errors === 0)
        return `${r.scenario} / ${r.load}: no request completed within ${r.durationS} s`;
      return `${r.scenario} / ${r.load}: ${r.non2xx} non-2xx (${codes || "none"}), ${r.errors} errors (${r.timeouts} timeouts)`;
    });
}

export function writeJson(file: string, data: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
