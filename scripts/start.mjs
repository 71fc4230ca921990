// `npm start`: the production server, `next start` with the app's boot moved ahead of the port. `next start` binds the
// port first and runs instrumentation.ts afterwards, so a server with bad configuration would be listening already.
// Here the compiled instrumentation runs first (configuration check, database, migrations; it exits non-zero with
// the reasons when the boot fails), then this same process becomes `next start` (arguments pass through:
// `npm start -- -p 4000`), whose own call to register() finds the app booted.
// Plain JavaScript on purpose: a production install (`npm ci --omit=dev`) has no TypeScript runner.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const INSTRUMENTATION = path.join(ROOT, ".next", "server", "instrumentation.js");

if (!fs.existsSync(INSTRUMENTATION)) {
  console.error("No production build in .next: run `npm run build` first.");
  process.exit(1);
}

// What `next start` would set up before the app runs: the environment (NODE_ENV, .env files) and, with
// NEXT_MANUAL_SIG_HANDLE, SIGTERM left to the app, which drains requests and closes the database (lib/server/boot.ts).
process.env.NODE_ENV ||= "production";
process.env.NEXT_RUNTIME = "nodejs";
process.env.NEXT_MANUAL_SIG_HANDLE ??= "true";
createRequire(require.resolve("next/package.json"))("@next/env").loadEnvConfig(ROOT, false);

await require(INSTRUMENTATION).register();

// next.config.ts also builds .next/standalone, which the container image runs (Dockerfile). A full install serves the
// same build with `next start`, which then warns that it "does not work" with that output. It does: only that line is
// dropped, so that it cannot alarm an operator.
const warn = console.warn;
console.warn = (...args) => {
  if (typeof args[0] === "string" && args[0].includes('"next start" does not work with "output: standalone"')) return;
  warn(...args);
};

const nextBin = require.resolve("next/dist/bin/next");
process.argv = [process.argv[0], nextBin, "start", ...process.argv.slice(2)];
require(nextBin);
