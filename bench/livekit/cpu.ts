import { execFileSync } from "node:child_process";
import fs from "node:fs";

// CPU time from /proc (Linux only): a process's utime + stime, every Chromium process under this one, and the whole
// machine. Figures are in percent of one core over a window, from clock ticks (1/CLK_TCK s each).

export const CLK_TCK = clockTicks();

export interface CpuSnapshot {
  at: number; // performance.now()
  livekit: number; // ticks
  app: number; // ticks
  chromium: Map<number, number>; // ticks by pid
  machine: { busy: number; total: number }; // ticks summed over every core
}

export interface CpuWindow {
  seconds: number;
  livekitTicks: number;
  /** Percent of one core. */
  livekitPct: number;
  appPct: number;
  chromiumPct: number;
  chromiumProcesses: number;
  /** Percent of all the machine's cores together. */
  machinePct: number;
}

export function snapshot(pids: { livekit: number; app: number }): CpuSnapshot {
  const chromium = new Map<number, number>();
  for (const pid of chromiumPids()) {
    const ticks = processTicks(pid);
    if (ticks !== undefined) chromium.set(pid, ticks);
  }
  return {
    at: performance.now(),
    livekit: required(pids.livekit, "livekit-server"),
    app: required(pids.app, "next-server"),
    chromium,
    machine: machineTicks(),
  };
}

export function between(a: CpuSnapshot, b: CpuSnapshot): CpuWindow {
  const seconds = (b.at - a.at) / 1000;
  const pctOfCore = (ticks: number) => (ticks / CLK_TCK / seconds) * 100;
  // Only processes alive at both ends: one that started in between would bring its earlier ticks along.
  let chromiumTicks = 0;
  let chromiumProcesses = 0;
  for (const [pid, end] of b.chromium) {
    const start = a.chromium.get(pid);
    if (start === undefined) continue;
    chromiumTicks += end - start;
    chromiumProcesses += 1;
  }
  const machineTotal = b.machine.total - a.machine.total;
  return {
    seconds,
    livekitTicks: b.livekit - a.livekit,
    livekitPct: pctOfCore(b.livekit - a.livekit),
    appPct: pctOfCore(b.app - a.app),
    chromiumPct: pctOfCore(chromiumTicks),
    chromiumProcesses,
    machinePct: machineTotal > 0 ? ((b.machine.busy - a.machine.busy) / machineTotal) * 100 : 0,
  };
}

/** utime + stime of every thread of the process, in ticks; undefined once it is gone. */
function processTicks(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[11]) + Number(fields[12]) : undefined;
}

function required(pid: number, name: string): number {
  const ticks = processTicks(pid);
  if (ticks === undefined) throw new Error(`${name} (pid ${pid}) is gone`);
  return ticks;
}

/** The fields after the command name (which may hold spaces), so fields[0] is the state and fields[1] the ppid. */
export function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** Chromium processes started by this one: Playwright spawns the browser, which spawns its zygote and renderers. */
function chromiumPids(): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = Number(statFields(Number(name))?.[1]);
    if (!ppid) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const walk = (pid: number, inside: boolean) => {
    for (const child of children.get(pid) ?? []) {
      const isChromium = inside || commOf(child).startsWith("chrom");
      if (isChromium) found.push(child);
      walk(child, isChromium);
    }
  };
  walk(process.pid, false);
  return found;
}

export function commOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

/** The first line of /proc/stat: user nice system idle iowait irq softirq steal (guest time is already in user). */
function machineTicks(): { busy: number; total: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fs
    .readFileSync("/proc/stat", "utf8")
    .split("\n")[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user! + nice! + system! + irq! + softirq! + (steal ?? 0);
  return { busy, total: busy + idle! + iowait! };
}

function clockTicks(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}
