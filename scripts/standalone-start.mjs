// The container's web server: `node start.mjs` in the standalone folder (scripts/build-standalone.mjs copies this file
// there, beside Next's server.js). It boots like `npm start` (scripts/start.mjs): the compiled instrumentation runs
// first (configuration check, database, migrations; it exits non-zero with the reasons when the boot fails), and only
// then does Next's standalone server.js bind PORT on HOSTNAME; its own call to register() finds the app booted.
// Plain JavaScript: the image holds no TypeScript runner, only the files the build traced.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const INSTRUMENTATION = path.join(ROOT, ".next", "server", "instrumentation.js");

if (!fs.existsSync(INSTRUMENTATION) || !fs.existsSync(path.join(ROOT, "server.js"))) {
  console.error("No standalone build here: run `npm run build` and scripts/build-standalone.mjs first.");
  process.exit(1);
}

// The app reads files relative to the working directory (db/migrations, the bcrypt worker, the report font), and
// server.js would move there only after the boot.
process.chdir(ROOT);
// What server.js sets up, plus SIGTERM left to the app (NEXT_MANUAL_SIG_HANDLE), which drains requests and closes the
// database (lib/server/boot.ts).
process.env.NODE_ENV = "production";
process.env.NEXT_RUNTIME = "nodejs";
process.env.NEXT_MANUAL_SIG_HANDLE ??= "true";
createRequire(require.resolve("next/package.json"))("@next/env").loadEnvConfig(ROOT, false);

await require(INSTRUMENTATION).register();

await import("./server.js");
