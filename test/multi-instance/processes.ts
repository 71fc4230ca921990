import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

// Child processes of the two-instance cluster: started with their output in a log file, awaited until they answer,
// stopped with SIGTERM (SIGKILL after a grace period).

export interface Child {
  name: string;
  process: ChildProcess;
  log: string;
}

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; log: string },
): Child {
  const out = fs.openSync(options.log, "a");
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", out, out],
    detached: true,
  });
  fs.closeSync(out);
  return { name, process: child, log: options.log };
}

/** The last lines of a child's log, for a failure message. */
export function tailOf(child: Child, lines = 30): string {
  try {
    return fs.readFileSync(child.log, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Resolves once `url` answers 2xx; fails early when the child exits, or after `timeoutMs`. */
export async function waitUntilAnswers(child: Child, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(
        `${child.name} exited (${child.process.exitCode ?? child.process.signalCode}) before answering ${url}:\n${tailOf(child)}`,
      );
    }
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms:\n${tailOf(child)}`);
}

/** Resolves once the child's log contains `marker`. */
export async function waitForLog(child: Child, marker: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(
        `${child.name} exited (${child.process.exitCode ?? child.process.signalCode}):\n${tailOf(child)}`,
      );
    }
    if (fs.existsSync(child.log) && fs.readFileSync(child.log, "utf8").includes(marker)) return;
    await sleep(200);
  }
  throw new Error(`${child.name} did not log "${marker}" within ${timeoutMs} ms:\n${tailOf(child)}`);
}

export async function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  const { process: proc } = child;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  // The whole group: npx and tsx wrap the real process.
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, sig);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
