// The server Playwright tests against (its webServer command): a production build on a fresh, seeded database.
// E2E_SKIP_BUILD=1 reuses .next; E2E_PORT (default 3210); DATABASE_URL is used as-is (CI hands us a fresh one),
// otherwise PGlite in .data/e2e, wiped first.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = process.env.E2E_PORT ?? "3210";

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  console.log(`[e2e-server] ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`[e2e-server] ${command} ${args.join(" ")} failed (${result.signal ?? `exit ${result.status}`})`);
    process.exit(1);
  }
}

// LOCAL_DEMO lets a production server accept the dev secrets; NEXT_MANUAL_SIG_HANDLE hands SIGTERM to the app so it
// closes PGlite cleanly.
const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_DEMO: "true", NEXT_MANUAL_SIG_HANDLE: "true", PORT };
if (!env.DATABASE_URL) {
  env.DATA_DIR = path.join(ROOT, ".data", "e2e");
  fs.rmSync(env.DATA_DIR, { recursive: true, force: true });
}

if (process.env.E2E_SKIP_BUILD !== "1") run("npx", ["next", "build"], env);
run("npx", ["tsx", "--import", "./scripts/register-server-only.mjs", "scripts/prepare.ts"], env);

// What `npm start` runs, without npm in between, so that signals reach the server directly.
const server = spawn(process.execPath, [path.join(ROOT, "scripts", "start.mjs"), "-p", PORT], {
  cwd: ROOT,
  env: { ...env, NODE_ENV: "production" },
  stdio: "inherit",
});
// Playwright stops us with SIGTERM when the run ends; pass it on and leave with the server's own exit code.
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
