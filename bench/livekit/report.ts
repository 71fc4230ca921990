import os from "node:os";
import type { Machine } from "../report";
import { latency } from "../upload/index";
import type { Sent } from "./candidate";
import type { ConcurrentResult, Stage } from "./concurrent";
import type { JoinSample } from "./joins";
import { POLL_MS } from "./room-poll";

export interface LivekitReport {
  machine: Machine;
  loadAverage: { start: number; end: number };
  livekitVersion: string;
  chromium: string;
  database: string;
  warmupJoins: number;
  joins: JoinSample[];
  concurrent?: ConcurrentResult;
  clockTicksPerS: number;
  problems: string[];
}

const CPUS = os.cpus().length;

const PHASES: [keyof JoinSample, string][] = [
  ["startAnswered", "start-session answered (in the browser)"],
  ["questionShown", "page shows the question heading"],
  ["participantJoined", "participant_joined webhook arrives"],
  ["trackPublished", "track_published webhook arrives: the join"],
  ["listedWithTrack", `server lists a published track (poll ${POLL_MS} ms)`],
];

export function printLivekit(report: LivekitReport): void {
  const m = report.machine;
  console.log(
    `\nbench:livekit: a candidate joining a real LiveKit server (livekit-server ${report.livekitVersion}), app on next start (production build)`,
  );
  console.log(`Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, node ${m.node}, ${m.platform}`);
  console.log(
    `Load average (1 min): ${report.loadAverage.start.toFixed(2)} at start, ${report.loadAverage.end.toFixed(2)} at end`,
  );
  console.log(`Database: ${report.database}   Browser: ${report.chromium}, fake camera and microphone, headless`);
  printJoins(report);
  if (report.concurrent) printConcurrent(report.concurrent, report.clockTicksPerS);
}

function printJoins(report: LivekitReport): void {
  const { joins } = report;
  console.log(
    `\nJoins: ${joins.length} one after another (after ${report.warmupJoins} warm-up join(s), not counted), each in a fresh browser context`,
  );
  if (joins.length === 0) return;
  const rows = [
    ['ms after clicking "Start interview"', "p50", "p99", "min", "max"],
    ...PHASES.map(([key, label]) => {
      const values = joins.map((j) => j[key]);
      const { p50Ms, p99Ms } = latency(values);
      return [label, p50Ms, p99Ms, Math.min(...values), Math.max(...values)].map((v) =>
        typeof v === "number" ? v.toFixed(0) : v,
      );
    }),
  ];
  table(rows);
  const join = latency(joins.map((j) => j.trackPublished));
  const page = latency(joins.map((j) => j.questionShown));
  const perJoin = latency(joins.map((j) => j.trackPublished / j.questionShown));
  console.log(`\nratio join / page (first track on the server vs the question heading in the page, same click):`);
  console.log(
    `  p50 ${(join.p50Ms / page.p50Ms).toFixed(2)}, p99 ${(join.p99Ms / page.p99Ms).toFixed(2)}; per join: median ${perJoin.p50Ms.toFixed(2)}, worst ${perJoin.p99Ms.toFixed(2)}`,
  );
  console.log(
    `p99 of ${joins.length} joins is nearest-rank (with fewer than 100 joins, the slowest). Moments are taken in the bench process: the click just before ` +
      `it is sent, webhooks on arrival at the bench's own webhook URL, the heading through a MutationObserver calling back; ` +
      `the poll is late by up to ${POLL_MS} ms plus one request.`,
  );
}

function printConcurrent(c: ConcurrentResult, ticksPerS: number): void {
  const { idle, stages } = c;
  const busy = stages.at(-1);
  console.log(`\nCPU with candidates connected and publishing camera and microphone at once (asked for ${c.asked})`);
  if (!busy || busy.candidates < c.asked) console.log(`  !! fewer than asked: ${c.shortfall ?? "unknown reason"}`);
  if (!busy) return;
  console.log(
    `Windows of ${busy.cpu.seconds.toFixed(1)} s from /proc (${ticksPerS} ticks/s): idle just before anyone joined, then each ${c.settleS} s after ` +
      "the last candidate was listed with both tracks. CPU in % of one core, the machine in % of all its cores.",
  );
  const fixed = (v: number, digits = 1) => v.toFixed(digits);
  table([
    [
      "candidates",
      "livekit-server",
      "per candidate",
      "sent Mbit/s",
      "per candidate",
      "Chromium",
      "next-server",
      "machine",
      "listed at end",
    ],
    ...[idle, ...stages].map((st) => [
      st.candidates === 0 ? "0 (idle)" : String(st.candidates),
      fixed(st.cpu.livekitPct),
      st.candidates ? fixed(st.cpu.livekitPct / st.candidates, 2) : "-",
      st.sent ? fixed(st.sent.mbitPerS, 2) : "-",
      st.sent ? fixed(st.sent.mbitPerS / st.candidates, 2) : "-",
      fixed(st.cpu.chromiumPct),
      fixed(st.cpu.appPct),
      fixed(st.cpu.machinePct),
      st.candidates ? `${st.publishingAtEnd}/${st.candidates}` : "-",
    ]),
  ]);
  for (const st of stages)
    console.log(`video layers sent with ${st.candidates}: ${describeLayers(st.sent?.videoLayers ?? [])}`);

  const n = busy.candidates;
  const perCandidate = busy.cpu.livekitPct / n;
  console.log(
    `\nLiveKit server CPU per candidate with ${n}: ${perCandidate.toFixed(2)}% of one core (${((busy.cpu.livekitPct - idle.cpu.livekitPct) / n).toFixed(2)}% above idle)`,
  );
  const idleTicks = idle.cpu.livekitTicks;
  const ratio =
    idleTicks > 0 ? (busy.cpu.livekitTicks / idleTicks).toFixed(1) : `> ${busy.cpu.livekitTicks} (idle used no tick)`;
  console.log(`ratio busy (${n}) / idle LiveKit server CPU: ${ratio} (${busy.cpu.livekitTicks} vs ${idleTicks} ticks)`);
  const alone = stages.length > 1 ? stages[0]! : undefined;
  if (alone) {
    const perMbit = (st: Stage) => st.cpu.livekitPct / (st.sent?.mbitPerS || NaN);
    console.log(
      `ratio per-candidate LiveKit CPU with ${n} / with 1 alone: ${(perCandidate / alone.cpu.livekitPct).toFixed(2)}`,
    );
    console.log(
      `LiveKit CPU per Mbit/s received: ${perMbit(alone).toFixed(2)}% of one core with 1 alone, ${perMbit(busy).toFixed(2)}% with ${n}`,
    );
    console.log(
      `ratio LiveKit CPU per Mbit/s received with ${n} / with 1 alone: ${(perMbit(busy) / perMbit(alone)).toFixed(2)}`,
    );
    console.log(
      `ratio per-candidate media sent with ${n} / with 1 alone: ${(busy.sent!.mbitPerS / n / alone.sent!.mbitPerS).toFixed(2)} (below 1: the browsers held back)`,
    );
  }
  console.log(
    `ratio LiveKit server / Chromium CPU with ${n}: ${(busy.cpu.livekitPct / busy.cpu.chromiumPct).toFixed(3)} (the browsers capture and encode; the server receives, with no subscriber)`,
  );
  const others = idle.cpu.machinePct - (idle.cpu.livekitPct + idle.cpu.appPct + idle.cpu.chromiumPct) / CPUS;
  if (others > 20)
    console.log(
      `!! other work kept the machine ${others.toFixed(0)}% busy (of all cores) before any candidate joined: every figure here shares the CPUs with it`,
    );
  if (busy.cpu.machinePct > 90)
    console.log(
      `!! the machine was saturated with ${n} candidates: the server's figure is for the media the browsers managed to send`,
    );
  console.log(
    "Sent: outbound RTP payload from each page's getStats over the window (candidates send; nobody subscribes).",
  );
}

/** "30 (cpu 20, none 10); largest 640x480 at 30 fps": layer count by what limits them, and the top layer's median size. */
function describeLayers(layers: Sent["videoLayers"]): string {
  if (layers.length === 0) return "none";
  const reasons = new Map<string, number>();
  for (const l of layers) reasons.set(l.limitedBy, (reasons.get(l.limitedBy) ?? 0) + 1);
  const limited = [...reasons]
    .map(([reason, count]) => (reason === "none" ? `${count} not limited` : `${count} limited by ${reason}`))
    .join(", ");
  const width = Math.max(...layers.map((l) => l.width ?? 0));
  const top = layers.filter((l) => l.width === width);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return `${layers.length} (${limited}); largest ${width}x${median(top.map((l) => l.height ?? 0))} at ${median(top.map((l) => l.fps ?? 0)).toFixed(0)} fps (median of ${top.length})`;
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const line = (row: string[]) =>
    row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join("  ");
  console.log(line(rows[0]!));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(line(row));
}
