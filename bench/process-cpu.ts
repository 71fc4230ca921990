import { execFileSync } from "node:child_process";
import fs from "node:fs";

// CPU seconds used by processes, read from /proc (Linux): the bench's server (its process group) and PostgreSQL
// (every process named `postgres`). On a 2-core machine the server, the load generator and the database share the
// cores, so req/s alone mixes the route's own cost with what the others took; CPU per request separates them.

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface Stat { comm: string; pgrp: number; cpuTicks: number }

function readStat(pid: string): Stat | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = raw.lastIndexOf(")");
    const comm = raw.slice(raw.indexOf("(") + 1, close);
    const fields = raw.slice(close + 2).split(" "); // fields[0] is the state (field 3 of proc(5))
    return { comm, pgrp: Number(fields[2]), cpuTicks: Number(fields[11]) + Number(fields[12]) }; // utime + stime
  } catch {
    return null; // the process ended between the listing and the read
  }
}

/** user+system CPU seconds of every live process matching `match`; null where /proc is not there. */
function cpuSeconds(match: (stat: Stat) => boolean): number | null {
  if (process.platform !== "linux") return null;
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const stat = readStat(pid);
    if (stat && match(stat)) ticks += stat.cpuTicks;
  }
  return ticks / clockTicks();
}

export interface CpuSnapshot { server: number | null; postgres: number | null }

/** The server's process group and PostgreSQL's processes, now (their difference over a load is what it cost). */
export function cpuSnapshot(serverGroup: number | undefined): CpuSnapshot {
  return {
    server: serverGroup === undefined ? null : cpuSeconds((s) => s.pgrp === serverGroup),
    postgres: cpuSeconds((s) => s.comm === "postgres"),
  };
}

/** CPU milliseconds per request between two snapshots, for the server and for PostgreSQL. */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): { serverMs: number | null; postgresMs: number | null } {
  const per = (a: number | null, b: number | null) => (a === null || b === null || requests === 0 ? null : ((b - a) * 1000) / requests);
  return { serverMs: per(before.server, after.server), postgresMs: per(before.postgres, after.postgres) };
}
