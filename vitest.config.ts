import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// CI asks for a JSON report beside the console output (.ci/run adds them up).
const reportDir = process.env.CI_REPORT_DIR;
const reportPrefix = process.env.CI_REPORT_PREFIX ?? "run";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; in tests every module is server-side anyway.
      "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // next-auth imports `next/server` without an extension, which Node's ESM loader cannot resolve when vitest leaves
    // node_modules to it; processed by vitest, it resolves (the SSO tests drive Auth.js's real handlers).
    server: { deps: { inline: [/next-auth/] } },
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, where most files wait on
    // I/O (servers, the bcrypt threads, PostgreSQL) as much as they compute. Two halve the wall time there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: reportDir ? ["default", "json"] : ["default"],
    outputFile: reportDir ? { json: path.join(reportDir, `${reportPrefix}-vitest.json`) } : undefined,
  },
});
