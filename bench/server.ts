import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const HEALTH_TIMEOUT_MS = 60_000; // a production server is normally ready in well under a second
const HEALTH_POLL_MS = 250; // ms between readiness probes
const STOP_GRACE_MS = 5_000; // time to close PGlite cleanly before SIGKILL

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
export function runStep(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

export function tail(file: string, lines = 30): string {
  if (!fs.existsSync(file)) return "(no server log)";
  return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}

export interface Server {
  baseUrl: string;
  logFile: string;
  /** The server's process group (it runs detached): bench/process-cpu.ts adds up its CPU time. */
  group: number | undefined;
  /** Resolves once GET /health answers 200. */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

export async function assertPortFree(port: number): Promise<void> {
  const baseUrl = `http://localhost:${port}`;
  // Otherwise readiness and every figure would come from someone else's server.
  if (await healthStatus(baseUrl)) throw new Error(`something already answers on ${baseUrl}; set BENCH_PORT`);
}

/**
 * Spawns `next start` in its own process group, so stop() reaches npx and the Next process behind it, and
 * a Ctrl-C in the terminal reaches only this script, which then stops the server itself. Returns at once, so the
 * caller holds the handle (and can stop it) even while waiting for readiness.
 */
export function startServer(opts: { cwd: string; port: number; env: NodeJS.ProcessEnv; logFile: string }): Server {
  const baseUrl = `http://localhost:${opts.port}`;
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const log = fs.openSync(opts.logFile, "a");
  // BENCH_CPU_PROF_DIR: the server runs under `node --cpu-prof` and writes a .cpuprofile there as it stops (read it
  // with bench/profile-top.ts). Node refuses --cpu-prof in NODE_OPTIONS, hence node itself rather than npx.
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const [command, args] = profileDir
    ? [
        process.execPath,
        [
          "--cpu-prof",
          `--cpu-prof-dir=${path.resolve(profileDir)}`,
          path.join(opts.cwd, "node_modules", "next", "dist", "bin", "next"),
          "start",
          "-p",
          String(opts.port),
        ],
      ]
    : ["npx", ["next", "start", "-p", String(opts.port)]];
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  return {
    baseUrl,
    logFile: opts.logFile,
    group: child.pid,
    ready: () => waitForHealth(baseUrl, child),
    stop: () => stop(child),
  };
}

async function waitForHealth(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last: number | undefined;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error("the server exited before it was healthy");
    last = await healthStatus(baseUrl);
    if (last === 200) return;
    await new Promise((r) => setTimeout(r, HEALTH_POLL_MS));
  }
  throw new Error(`GET /health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last ?? "no answer"})`);
}

async function healthStatus(baseUrl: string): Promise<number | undefined> {
  try {
    const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status;
  } catch {
    return undefined;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const group = -child.pid;
  signalGroup(group, "SIGTERM");
  // Wait for the whole group, not just npx: deleting the data folder under a live PGlite would corrupt the run.
  if (!(await groupGone(group, STOP_GRACE_MS))) {
    console.warn(`[bench] server still running ${STOP_GRACE_MS / 1000} s after SIGTERM; sending SIGKILL`);
    signalGroup(group, "SIGKILL");
    await groupGone(group, STOP_GRACE_MS);
  }
}

async function groupGone(group: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!signalGroup(group, 0)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Returns false when no process of the group is left. */
function signalGroup(group: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(group, signal);
    return true;
  } catch {
    return false;
  }
}
