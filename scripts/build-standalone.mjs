// After `npm run build`: completes .next/standalone into the folder the container image runs (Dockerfile), which
// needs nothing else from the checkout and no node_modules but the ones Next traced into it:
//   start.mjs    the web server, booting like `npm start` (scripts/standalone-start.mjs)
//   worker.mjs   `npm run worker` as one bundled file (scripts/worker.ts and the lib code it runs)
//   .next/static and public, which Next leaves out of the standalone folder (a CDN may serve them instead)
// Run in the checkout that was built: `node scripts/build-standalone.mjs`. It needs esbuild, a devDependency (tsx and
// drizzle-kit bring it), so it runs where the build runs, never in the image.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const ROOT = process.cwd();
const OUT = path.join(ROOT, ".next", "standalone");

if (!fs.existsSync(path.join(OUT, "server.js"))) {
  console.error('No .next/standalone/server.js: run `npm run build` first (next.config.ts sets output: "standalone").');
  process.exit(1);
}

fs.copyFileSync(path.join(ROOT, "scripts", "standalone-start.mjs"), path.join(OUT, "start.mjs"));
fs.cpSync(path.join(ROOT, ".next", "static"), path.join(OUT, ".next", "static"), { recursive: true });
if (fs.existsSync(path.join(ROOT, "public")))
  fs.cpSync(path.join(ROOT, "public"), path.join(OUT, "public"), { recursive: true });

// The worker runs the same lib code as the server but is no Next entry, so Next neither compiles nor traces it.
// Bundled, it needs from node_modules only the packages left external here, which load files that sit beside their
// own code (PGlite's WASM, pdfkit's font metrics, fontkit's tables, piscina's worker thread and the bcryptjs it
// loads). The server externalises the same packages (next.config.ts), so the standalone folder already holds them.
await build({
  entryPoints: [path.join(ROOT, "scripts", "worker.ts")],
  outfile: path.join(OUT, "worker.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["@electric-sql/pglite", "pdfkit", "fontkit", "piscina", "bcryptjs", "pg-native"],
  // `import "server-only"` marks modules Next must keep off the client; outside Next it would throw.
  alias: { "server-only": path.join(ROOT, "node_modules", "server-only", "empty.js") },
  // Bundled CommonJS packages call require() for Node's built-ins, which an ES module lacks.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
});

console.log(`standalone folder ready: ${path.relative(ROOT, OUT)} (node start.mjs | node worker.mjs)`);
