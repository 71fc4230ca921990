import fs from "node:fs";

// The server's resident memory, read from /proc (Linux only). `npx next start` is three processes (npm exec, sh, and
// the Node process that retitles itself next-server); the one that matters is whichever owns the listening socket.

const LISTEN = "0A"; // TCP state LISTEN in /proc/net/tcp*

/** The pid of the process listening on `port`, found through the socket's inode; throws when there is none. */
export function pidListeningOn(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === LISTEN) inodes.add(fields[9]!);
    }
  }
  if (inodes.size === 0) throw new Error(`no socket listens on port ${port} (is /proc/net available?)`);
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or one that just exited
    }
    for (const fd of fds) {
      const target = safeReadlink(`/proc/${pid}/fd/${fd}`);
      if (target && inodes.has(/^socket:\[(\d+)\]$/.exec(target)?.[1] ?? "")) return Number(pid);
    }
  }
  throw new Error(`the socket on port ${port} belongs to no process this user can see`);
}

function safeReadlink(file: string): string | undefined {
  try {
    return fs.readlinkSync(file);
  } catch {
    return undefined;
  }
}

/** The process title: next-server retitles itself, and /proc/<pid>/comm would cut that to 15 characters. */
export const processName = (pid: number): string =>
  fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();

/** A size field of /proc/<pid>/status in KiB, or undefined once the process is gone. */
function statusKiB(pid: number, field: "VmRSS" | "VmHWM"): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export const rssKiB = (pid: number) => statusKiB(pid, "VmRSS");

/** Resets the kernel's peak-RSS mark (VmHWM) to the current RSS; false where that is not allowed. */
function resetPeakMark(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

export interface RssSamples {
  peakKiB: number;
  /**
   * The kernel's peak mark (VmHWM, reset at the start), a cross-check for spikes between samples. Not exact either: the
   * kernel refreshes it when memory is unmapped, so it can read a little under the sampled peak.
   */
  kernelPeakKiB?: number;
  /**
   * Peaks over the first and the second half of the sampled time. Memory that tracks the bytes uploaded keeps
   * climbing into the second half; memory bounded by the concurrency levels off in the first.
   */
  halves: [number, number];
  samples: number;
  /** The longest time between two samples: a busy bench client can stretch the interval, and a short peak hide in it. */
  maxGapMs: number;
  /** True when the process vanished while it was being sampled. */
  lost: boolean;
}

/** Samples VmRSS every `intervalMs` until stop() is called. */
export function sampleRss(pid: number, intervalMs: number): { stop(): RssSamples } {
  const points: { at: number; kib: number }[] = [];
  let lost = false;
  const markReset = resetPeakMark(pid);
  const sample = () => {
    const kib = rssKiB(pid);
    if (kib === undefined) lost = true;
    else points.push({ at: performance.now(), kib });
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      const kernelPeakKiB = markReset ? statusKiB(pid, "VmHWM") : undefined;
      const start = points[0]?.at ?? 0;
      const middle = (start + (points.at(-1)?.at ?? 0)) / 2;
      const peak = (from: number, to: number) =>
        Math.max(0, ...points.filter((p) => p.at >= from && p.at <= to).map((p) => p.kib));
      const gaps = points.slice(1).map((p, i) => p.at - points[i]!.at);
      return {
        peakKiB: peak(-Infinity, Infinity),
        kernelPeakKiB,
        halves: [peak(-Infinity, middle), peak(middle, Infinity)],
        samples: points.length,
        maxGapMs: Math.max(0, ...gaps),
        lost,
      };
    },
  };
}
