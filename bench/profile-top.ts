// `npx tsx bench/profile-top.ts <file.cpuprofile> [--segment N | --from S --to S] [--top K]`: what a V8 CPU profile
// of the bench's server (BENCH_CPU_PROF_DIR) spent its time on. The server is busy in bursts (each load of the bench,
// separated by idle drains), so it first lists the busy segments; `--segment N` (or a window in seconds from the
// profile's start) then prints the top frames by self time, by inclusive time, and the heaviest packages of that
// window only (without one, of the whole profile).
import fs from "node:fs";
import path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const IDLE_GAP_MS = 400; // an idle stretch this long ends a busy segment
const MIN_SEGMENT_MS = 1_000; // shorter bursts (health probes, the drain) are not listed

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const file = process.argv[2];
if (!file || file.startsWith("--")) {
  console.error("usage: npx tsx bench/profile-top.ts <file.cpuprofile> [--segment N] [--top K]");
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample times (ms from the profile's start) and whether each is idle.
const times: number[] = [];
let t = 0;
for (const delta of profile.timeDeltas) times.push((t += delta) / 1000);
const isIdle = (id: number) => byId.get(id)!.callFrame.functionName === "(idle)";

// Busy segments: runs of non-idle samples without an idle gap of IDLE_GAP_MS.
const segments: { from: number; to: number; busyMs: number }[] = [];
let current: { from: number; to: number; busyMs: number } | null = null;
for (let i = 0; i < profile.samples.length; i++) {
  if (isIdle(profile.samples[i]!)) continue;
  const at = times[i]!;
  const weight = i + 1 < times.length ? times[i + 1]! - at : 0;
  if (current && at - current.to <= IDLE_GAP_MS) {
    current.to = at;
    current.busyMs += weight;
  } else {
    if (current) segments.push(current);
    current = { from: at, to: at, busyMs: weight };
  }
}
if (current) segments.push(current);
const listed = segments.filter((s) => s.to - s.from >= MIN_SEGMENT_MS);
console.log(`${path.basename(file)}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s profiled`);
listed.forEach((s, i) =>
  console.log(
    `  segment ${i}: ${(s.from / 1000).toFixed(1)}-${(s.to / 1000).toFixed(1)} s, busy ${((100 * s.busyMs) / (s.to - s.from)).toFixed(0)}%`,
  ),
);

const pick = arg("--segment");
const from = arg("--from");
const to = arg("--to");
const window =
  pick !== undefined
    ? listed[Number(pick)]
    : { from: from ? Number(from) * 1000 : 0, to: to ? Number(to) * 1000 : Infinity };
if (!window) {
  console.error(`no segment ${pick}`);
  process.exit(2);
}
const top = Number(arg("--top") ?? 25);

const frameName = (f: CallFrame) => {
  const where = f.url ? `${f.url.replace(/^file:\/\//, "").replace(`${process.cwd()}/`, "")}:${f.lineNumber + 1}` : "";
  return `${f.functionName || "(anonymous)"} ${where}`.trim();
};
/** The package a frame's code comes from (node_modules/<pkg>, a Next chunk, node: internals or the app). */
const packageOf = (f: CallFrame) => {
  const url = f.url;
  if (!url) return f.functionName.startsWith("(") ? f.functionName : "(native)";
  if (url.startsWith("node:")) return "node:internal";
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1]!;
  if (url.includes("/.next/")) return ".next (app and bundled packages)";
  return "other";
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const packages = new Map<string, number>();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const at = times[i]!;
  if (at < window.from || at > window.to) continue;
  const id = profile.samples[i]!;
  if (isIdle(id)) continue;
  const weight = i + 1 < times.length ? times[i + 1]! - at : 0;
  const frame = byId.get(id)!.callFrame;
  total += weight;
  self.set(frameName(frame), (self.get(frameName(frame)) ?? 0) + weight);
  packages.set(packageOf(frame), (packages.get(packageOf(frame)) ?? 0) + weight);
  const seen = new Set<string>();
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const name = frameName(byId.get(n)!.callFrame);
    if (seen.has(name)) continue; // recursion counts once
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + weight);
  }
}
const pct = (ms: number) => `${((100 * ms) / total).toFixed(1).padStart(5)}%`;
const label = pick !== undefined ? `segment ${pick}` : from || to ? `${from ?? 0}-${to ?? "end"} s` : "whole profile";
console.log(`\n${label}: ${(total / 1000).toFixed(2)} s on the CPU`);
console.log(`\ntop ${top} frames by self time`);
for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(ms)}  ${name}`);
console.log(`\ntop ${top} frames of the app's own code by inclusive time`);
const appFrame = (name: string) => name.includes(".next/server/") && !name.includes("node_modules");
for (const [name, ms] of [...inclusive]
  .filter(([n]) => appFrame(n))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top))
  console.log(`  ${pct(ms)}  ${name}`);
console.log("\nself time by package");
for (const [name, ms] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${pct(ms)}  ${name}`);

// `--callers <function name>`: the heaviest call paths (up to 6 frames) that lead to that function in the window.
const callee = arg("--callers");
if (callee) {
  const paths = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const at = times[i]!;
    if (at < window.from || at > window.to) continue;
    const weight = i + 1 < times.length ? times[i + 1]! - at : 0;
    let n: number | undefined = profile.samples[i]!;
    while (n !== undefined && byId.get(n)!.callFrame.functionName !== callee) n = parent.get(n);
    if (n === undefined) continue;
    const chain: string[] = [];
    for (let p = parent.get(n); p !== undefined && chain.length < 6; p = parent.get(p))
      chain.push(frameName(byId.get(p)!.callFrame));
    const key = chain.join("\n      <- ");
    paths.set(key, (paths.get(key) ?? 0) + weight);
  }
  console.log(`\ncallers of ${callee}`);
  for (const [key, ms] of [...paths].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  ${pct(ms)}  ${key}`);
}
