import fs from "node:fs";
import { CLK_TCK, commOf, statFields } from "./livekit/cpu";

// CPU seconds used by processes, read from /proc (Linux): the bench's server (its process group) and PostgreSQL
// (every process named `postgres`). On a 2-core machine the server, the load generator and the database share the
// cores, so req/s alone mixes the route's own cost with what the others took; CPU per request separates them.

interface Stat {
  comm: string;
  pgrp: number;
  cpuTicks: number;
}

function readStat(pid: number): Stat | null {
  const fields = statFields(pid); // fields[0] is the state (field 3 of proc(5))
  if (!fields) return null; // the process ended between the listing and the read
  return { comm: commOf(pid), pgrp: Number(fields[2]), cpuTicks: Number(fields[11]) + Number(fields[12]) }; // utime + stime
}

/** user+system CPU seconds of every live process matching `match`; null where /proc is not there. */
function cpuSeconds(match: (stat: Stat) => boolean): number | null {
  if (process.platform !== "linux") return null;
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const stat = readStat(Number(pid));
    if (stat && match(stat)) ticks += stat.cpuTicks;
  }
  return ticks / CLK_TCK;
}

export interface CpuSnapshot {
  server: number | null;
  postgres: number | null;
  /** This process: autocannon runs in it, on the same cores. */
  loadGenerator: number;
}

/** The server's process group and PostgreSQL's processes, now (their difference over a load is what it cost). */
export function cpuSnapshot(serverGroup: number | undefined): CpuSnapshot {
  return {
    server: serverGroup === undefined ? null : cpuSeconds((s) => s.pgrp === serverGroup),
    postgres: cpuSeconds((s) => s.comm === "postgres"),
    loadGenerator: cpuSecondsOfThisProcess(),
  };
}

function cpuSecondsOfThisProcess(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** CPU milliseconds per request between two snapshots, for the server, PostgreSQL and the load generator. */
export function cpuPerRequest(
  before: CpuSnapshot,
  after: CpuSnapshot,
  requests: number,
): { serverMs: number | null; postgresMs: number | null; loadGeneratorMs: number | null } {
  const per = (a: number | null, b: number | null) =>
    a === null || b === null || requests === 0 ? null : ((b - a) * 1000) / requests;
  return {
    serverMs: per(before.server, after.server),
    postgresMs: per(before.postgres, after.postgres),
    loadGeneratorMs: per(before.loadGenerator, after.loadGenerator),
  };
}
