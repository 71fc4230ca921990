import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// Worker processes as production runs them (scripts/worker.ts, one pg-boss per process), plus the timing wrapper the
// workers use as their ffmpeg, so the decode share is measured inside the real jobs.

const READY_TIMEOUT_MS = 60_000; // tsx compiles the worker's modules as it starts; a loaded machine takes seconds
const STOP_GRACE_MS = 15_000; // the worker gives running jobs 10 s (lib/jobs/runtime.ts), then closes the database
const POLL_MS = 100;

export interface WorkerProcess {
  pid: number;
  /** Resolves once the worker logged worker.ready; rejects if it exits first. */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Spawns scripts/worker.ts in its own process group, logging to `logFile` (shared by the run's workers). node with
 * tsx's loader, not the tsx CLI, so the worker is the process that gets the signals.
 */
export function startWorker(opts: { root: string; env: NodeJS.ProcessEnv; logFile: string }): WorkerProcess {
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const log = fs.openSync(opts.logFile, "a");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/register-server-only.mjs", "scripts/worker.ts"],
    { cwd: opts.root, env: opts.env, detached: true, stdio: ["ignore", log, log] },
  );
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error("could not spawn scripts/worker.ts");
  const pid = child.pid;
  return { pid, ready: () => waitReady(child, pid, opts.logFile), stop: () => stop(child) };
}

async function waitReady(child: ChildProcess, pid: number, logFile: string): Promise<void> {
  const marker = new RegExp(`"message":"worker\\.ready".*"pid":${pid}\\b`);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`worker ${pid} exited before it was ready (${child.signalCode ?? `exit ${child.exitCode}`})`);
    if (marker.test(fs.readFileSync(logFile, "utf8"))) return;
    await sleep(POLL_MS);
  }
  throw new Error(`worker ${pid} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const group = -child.pid;
  signal(group, "SIGTERM");
  if (await gone(group, STOP_GRACE_MS)) return;
  console.warn(
    `[bench] pipeline: worker ${child.pid} still running ${STOP_GRACE_MS / 1000} s after SIGTERM; sending SIGKILL`,
  );
  signal(group, "SIGKILL");
  await gone(group, STOP_GRACE_MS);
}

async function gone(group: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!signal(group, 0)) return true;
    await sleep(POLL_MS);
  }
  return false;
}

/** Returns false when no process of the group is left. */
function signal(group: number, name: NodeJS.Signals | 0): boolean {
  try {
    process.kill(group, name);
    return true;
  } catch {
    return false;
  }
}

/** The ffmpeg the workers would run, resolved to a path; null when there is none. */
export function findFfmpeg(configured: string | undefined): string | null {
  const name = configured || "ffmpeg";
  const found = spawnSync("bash", ["-c", 'command -v -- "$1"', "bash", name], { encoding: "utf8" });
  const resolved = found.status === 0 ? found.stdout.trim() : "";
  if (!resolved) return null;
  return spawnSync(resolved, ["-version"], { stdio: "ignore" }).status === 0 ? resolved : null;
}

/**
 * A bash script that runs `ffmpeg` and appends "<start> <end>" (epoch seconds, microsecond resolution) to `timesFile`.
 * It costs a bash start per call (a few ms), which lands in the handlers' own time, not in the ffmpeg figure.
 */
export function writeTimedFfmpeg(opts: { dir: string; ffmpeg: string; timesFile: string }): string {
  const script = path.join(opts.dir, "ffmpeg-timed.sh");
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  fs.writeFileSync(
    script,
    [
      "#!/usr/bin/env bash",
      "LC_NUMERIC=C",
      "start=$EPOCHREALTIME",
      `${quote(opts.ffmpeg)} "$@"`,
      "code=$?",
      `printf '%s %s\\n' "$start" "$EPOCHREALTIME" >> ${quote(opts.timesFile)}`,
      'exit "$code"',
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  return script;
}

/** ffmpeg calls the wrapper logged, and their summed duration in ms. */
export function readFfmpegTimes(timesFile: string): { calls: number; totalMs: number } {
  if (!fs.existsSync(timesFile)) return { calls: 0, totalMs: 0 };
  const lines = fs.readFileSync(timesFile, "utf8").split("\n").filter(Boolean);
  let totalMs = 0;
  for (const line of lines) {
    const [start, end] = line.replaceAll(",", ".").split(" ").map(Number);
    if (Number.isFinite(start) && Number.isFinite(end)) totalMs += (end! - start!) * 1000;
  }
  return { calls: lines.length, totalMs };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
