import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

// PGlite is PostgreSQL running inside one process. A second process opening the same folder does not join the
// first: each works on its own copy in memory, neither sees the other's writes, and both write the files, which can
// corrupt them. So a process that opens `$DATA_DIR/pglite` first holds `$DATA_DIR/pglite.lock`, a file naming its PID
// and what it is; any other process is refused with that name until the holder closes the database or dies.

const WRITE_WINDOW_MS = 200; // how long a lock file created but not yet written may stay empty before it is litter
const MAX_ATTEMPTS = 5;

export interface LockHolder {
  pid: number;
  /** What holds it, in words: "the dev server (npm run dev)", "npm run db:seed", ... */
  command: string;
  since: string;
}

export class DatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database ${shortPath(dataDir)} is held by ${holder.command} at PID ${holder.pid}: stop it first, ` +
        `or do this from the running app's dashboard, or set DATABASE_URL to a PostgreSQL database that several ` +
        `processes can share. (PGlite serves one process at a time. If PID ${holder.pid} is not an AI Interviewer ` +
        `process, delete ${shortPath(lockFile)}.)`,
    );
    this.name = "DatabaseLockedError";
  }
}

// Open counts per lock file in this process, on globalThis: `next dev` may load this module more than once, and the
// same process opening again must not lock itself out.
const held = ((globalThis as unknown as { __aiiPgliteLocks?: Map<string, number> }).__aiiPgliteLocks ??= new Map());

export function lockFileFor(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

/**
 * Takes the lock on a PGlite folder for this process, or throws DatabaseLockedError naming the live process that
 * holds it. A lock left by a dead process (or by an earlier process with this PID, as a container's PID 1 is) is taken
 * over. Returns the release, which is safe to call more than once; locks still held are released on exit.
 */
export async function acquirePgliteLock(dataDir: string, command = describeThisProcess()): Promise<() => void> {
  const lockFile = lockFileFor(dataDir);
  const open = held.get(lockFile);
  if (open) {
    held.set(lockFile, open + 1);
    return releaser(lockFile);
  }
  const me: LockHolder = { pid: process.pid, command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (createExclusive(lockFile, me)) {
      held.set(lockFile, 1);
      releaseOnExit();
      return releaser(lockFile);
    }
    let holder = readHolder(lockFile);
    if (holder === "unreadable") {
      // Its creator may be between creating and writing it.
      await sleep(WRITE_WINDOW_MS);
      holder = readHolder(lockFile);
    }
    if (holder === "gone") continue;
    if (holder !== "unreadable" && holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new DatabaseLockedError(path.resolve(dataDir), lockFile, holder);
    }
    fs.rmSync(lockFile, { force: true }); // stale: take it over
  }
  throw new Error(`could not take the lock ${lockFile} after ${MAX_ATTEMPTS} attempts`);
}

function createExclusive(lockFile: string, me: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockFile, "wx"); // O_CREAT | O_EXCL: exactly one process creates it
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    fs.writeSync(fd, `${JSON.stringify(me)}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function readHolder(lockFile: string): LockHolder | "gone" | "unreadable" {
  let text: string;
  try {
    text = fs.readFileSync(lockFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isInteger(parsed.pid) && (parsed.pid as number) > 0) {
      return {
        pid: parsed.pid as number,
        command: String(parsed.command ?? "a process"),
        since: String(parsed.since ?? ""),
      };
    }
  } catch {
    // fall through
  }
  return "unreadable";
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, but belongs to another user
  }
}

function releaser(lockFile: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const open = held.get(lockFile) ?? 0;
    if (open > 1) {
      held.set(lockFile, open - 1);
      return;
    }
    held.delete(lockFile);
    removeIfOurs(lockFile);
  };
}

function removeIfOurs(lockFile: string): void {
  const holder = readHolder(lockFile);
  if (typeof holder === "object" && holder.pid === process.pid) fs.rmSync(lockFile, { force: true });
}

function releaseOnExit(): void {
  const flag = globalThis as unknown as { __aiiPgliteLockExitHook?: boolean };
  if (flag.__aiiPgliteLockExitHook) return;
  flag.__aiiPgliteLockExitHook = true;
  process.once("exit", () => {
    for (const lockFile of held.keys()) removeIfOurs(lockFile);
    held.clear();
  });
}

/** How the lock names this process to whoever is refused: npm sets npm_lifecycle_event to the script's name. */
function describeThisProcess(): string {
  const script = process.env.npm_lifecycle_event;
  if (script === "dev") return "the dev server (npm run dev)";
  if (script === "start") return "the server (npm start)";
  if (script && script !== "npx") return `npm run ${script}`;
  const entry = process.argv[1];
  return entry ? `node ${shortPath(entry)}` : "a node process";
}

function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}
