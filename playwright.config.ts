import { defineConfig, devices } from "@playwright/test";
import { ADMIN_STATE } from "./e2e/support/accounts";

// Real Chromium from Debian (never a downloaded browser) against a production build on a fresh database.
const PORT = Number(process.env.E2E_PORT ?? 3210);
// localhost, not 127.0.0.1: Next rewrites 127.0.0.1 to localhost in redirects and the Auth.js cookies would be lost.
const BASE_URL = `http://localhost:${PORT}`;
// CI asks for a JSON report beside the console output (.ci/run adds them up).
const reportDir = process.env.CI_REPORT_DIR;
const reportPrefix = process.env.CI_REPORT_PREFIX ?? "run";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["html", { open: "never" }],
    ...(reportDir ? [["json", { outputFile: `${reportDir}/${reportPrefix}-playwright.json` }] as ["json", { outputFile: string }]] : []),
  ],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], storageState: ADMIN_STATE },
      dependencies: ["setup"],
    },
  ],
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `${BASE_URL}/health`,
    env: { E2E_PORT: String(PORT) },
    timeout: 240_000, // a cold `next build` plus migrations and seed
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
