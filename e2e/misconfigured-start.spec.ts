import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// `npm start` on the production build (the one the e2e server runs) by an operator who set nothing: the dev secrets,
// no APP_URL, the LiveKit dev key. The server must list every problem once and exit non-zero without ever binding
// its port, instead of serving and logging the same error on every request.

const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.E2E_MISCONFIGURED_PORT ?? 3291);
const EXIT_TIMEOUT_MS = 30_000;
const PROBE_MS = 25; // how often the port is tried while the server starts
const PROBLEMS = ["AUTH_SECRET", "JWT_SECRET", "LIVEKIT_API_SECRET", "APP_URL", "LIVEKIT_API_KEY"];
const UNSET = new Set(["NODE_ENV", "LOCAL_DEMO", "DATABASE_URL", ...PROBLEMS]); // what an operator did not set

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

for (const nodeEnv of [undefined, "production"]) {
  test(`npm start with dev secrets (NODE_ENV ${nodeEnv ?? "unset"}) lists the problems once and exits without listening`, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aii-misconfigured-"));
    const env: Record<string, string> = {
      PORT: String(PORT),
      DATA_DIR: dataDir,
      ...(nodeEnv ? { NODE_ENV: nodeEnv } : {}),
    };
    for (const [key, value] of Object.entries(process.env))
      if (value !== undefined && !UNSET.has(key)) env[key] ??= value;
    expect(await connects(PORT), `port ${PORT} must be free for this test`).toBe(false);

    // A process group of its own, so that a server that does not exit can be stopped with npm's children.
    const server = spawn("npm", ["start"], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    let running = true;
    void exited.then(() => (running = false));

    let listened = false;
    const deadline = Date.now() + EXIT_TIMEOUT_MS;
    while (running && Date.now() < deadline) {
      if (await connects(PORT)) listened = true;
      await new Promise((resolve) => setTimeout(resolve, PROBE_MS));
    }
    if (running) process.kill(-server.pid!, "SIGKILL");
    const code = await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });

    expect(running, `still running after ${EXIT_TIMEOUT_MS} ms:\n${output}`).toBe(false);
    expect(code, output).not.toBe(0);
    expect(listened, `the port was bound:\n${output}`).toBe(false);
    expect(output.match(/Invalid configuration/g), output).toHaveLength(1);
    for (const key of PROBLEMS) expect(output.match(new RegExp(`- ${key}: `, "g")), output).toHaveLength(1);
  });
}
