import path from "node:path";
import { defineConfig } from "vitest/config";

// `npm run test:cluster`: the two-instance proof (test/multi-instance), against a production build and real PostgreSQL,
// Redis and S3 servers. Separate from `npm run test:unit`, whose suites need none of them.
const reportDir = process.env.CI_REPORT_DIR;

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; the test helpers here are server-side (vitest.config.ts).
      "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["test/multi-instance/**/*.cluster.ts"],
    globalSetup: ["test/multi-instance/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    reporters: reportDir ? ["default", "json"] : ["default"],
    outputFile: reportDir
      ? { json: path.join(reportDir, `${process.env.CI_REPORT_PREFIX ?? "cluster"}-vitest.json`) }
      : undefined,
  },
});
