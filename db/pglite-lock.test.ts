import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openPglite } from "@/db";
import { acquirePgliteLock, DatabaseLockedError, lockFileFor } from "./pglite-lock";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

let tmp: string;
let dataDir: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aii-lock-"));
  dataDir = path.join(tmp, "pglite");
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeLock(pid: number, command = "the dev server (npm run dev)"): void {
  fs.writeFileSync(lockFileFor(dataDir), JSON.stringify({ pid, command, since: new Date().toISOString() }));
}

function lockPid(): number | undefined {
  try {
    return (JSON.parse(fs.readFileSync(lockFileFor(dataDir), "utf8")) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

/** A process that lives until killed. */
async function liveProcess(): Promise<{ pid: number; kill(): void }> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  await new Promise((resolve) => child.once("spawn", resolve));
  return { pid: child.pid!, kill: () => child.kill() };
}

/** The PID of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

describe("the lock on an embedded database folder", () => {
  it("refuses another process while its holder lives, naming the holder and its PID", async () => {
    const holder = await liveProcess();
    try {
      writeLock(holder.pid);
      const refused = await acquirePgliteLock(dataDir).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DatabaseLockedError);
      const message = (refused as Error).message;
      expect(message).toContain(`held by the dev server (npm run dev) at PID ${holder.pid}`);
      expect(message).toContain(dataDir);
      expect(message).toContain("DATABASE_URL");
      expect(lockPid()).toBe(holder.pid); // the holder keeps it
    } finally {
      holder.kill();
    }
  });

  it("refuses openPglite before PGlite touches the folder", async () => {
    const holder = await liveProcess();
    try {
      writeLock(holder.pid);
      await expect(openPglite(dataDir)).rejects.toBeInstanceOf(DatabaseLockedError);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      holder.kill();
    }
  });

  it("takes over a lock left by a dead process", async () => {
    writeLock(deadPid());
    const release = await acquirePgliteLock(dataDir);
    expect(lockPid()).toBe(process.pid);
    release();
  });

  it("takes over a lock its own PID left from an earlier life (a container's PID 1), and an empty one", async () => {
    writeLock(process.pid);
    const release = await acquirePgliteLock(dataDir);
    release();
    fs.writeFileSync(lockFileFor(dataDir), "");
    const again = await acquirePgliteLock(dataDir);
    expect(lockPid()).toBe(process.pid);
    again();
  });

  it("lets the same process open the folder again (next dev loads modules twice) and frees it after the last close", async () => {
    const first = await acquirePgliteLock(dataDir);
    const second = await acquirePgliteLock(dataDir);
    first();
    first(); // releasing twice counts once
    expect(lockPid()).toBe(process.pid);
    second();
    expect(fs.existsSync(lockFileFor(dataDir))).toBe(false);
  });

  it("is released when its process exits without closing", () => {
    const script = path.join(tmp, "hold-and-exit.mts");
    fs.writeFileSync(
      script,
      `import { acquirePgliteLock } from ${JSON.stringify(path.join(ROOT, "db", "pglite-lock.ts"))};\n` +
        `await acquirePgliteLock(${JSON.stringify(dataDir)});\nprocess.exit(0);\n`,
    );
    const run = spawnSync(TSX, [script], { cwd: ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(fs.existsSync(lockFileFor(dataDir))).toBe(false);
  });
});

describe("an embedded database held by a running server", () => {
  // This test process plays the server (PGlite opened for real); every script opens the database through
  // getDbHandle(), so npm run db:seed stands for the others.
  it("refuses npm run db:seed with the holder's name and a non-zero exit, and is free again once the server closes", async () => {
    const server = await openPglite(dataDir);
    try {
      await server.migrate(); // a database the seed could write into
      expect(lockPid()).toBe(process.pid);
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: tmp, NODE_ENV: "development" };
      delete env.DATABASE_URL;
      const run = spawnSync(TSX, ["--import", "./scripts/register-server-only.mjs", "scripts/seed.ts"], {
        cwd: ROOT,
        env,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`The embedded database ${dataDir} is held by`);
      expect(run.stderr).toContain(`at PID ${process.pid}`);
      expect(run.stderr).not.toContain("    at "); // a message, not a stack
      expect(lockPid()).toBe(process.pid);
    } finally {
      await server.close();
    }
    expect(fs.existsSync(lockFileFor(dataDir))).toBe(false);
  });
});
