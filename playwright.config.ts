import { defineConfig, devices } from "@playwright/test";
import { ADMIN_STATE } from "./e2e/support/accounts";
import { E2E_CANDIDATE_TOKEN_TTL_S, E2E_LIVEKIT_URL, relayAvailable } from "./e2e/support/relay";
import { E2E_CORS_ORIGIN } from "./e2e/support/cors";

// Real Chromium from Debian (never a downloaded browser) against a production build on a fresh database.
const PORT = Number(process.env.E2E_PORT ?? 3210);
// localhost, not 127.0.0.1: Next rewrites 127.0.0.1 to localhost in redirects and the Auth.js cookies would be lost.
const BASE_URL = `http://localhost:${PORT}`;
// CI asks for a JSON report beside the console output (.ci/run adds them up).
const reportDir = process.env.CI_REPORT_DIR;
const reportPrefix = process.env.CI_REPORT_PREFIX ?? "run";
const AI_DEMO_PORT = Number(process.env.E2E_AI_PORT ?? 8091);
const AI_DEMO_URL = `http://127.0.0.1:${AI_DEMO_PORT}/v1`;
// The relay project needs the real LiveKit server (`npm run livekit:install`); CI (LIVEKIT_REQUIRED=1) insists on it.
const RELAY = relayAvailable();
if (!RELAY) {
  if (process.env.LIVEKIT_REQUIRED === "1")
    throw new Error("LIVEKIT_REQUIRED=1 but no LiveKit server: run `npm run livekit:install`");
  console.warn(
    "[e2e] No LiveKit server (.bin/livekit-server): the real-relay project (e2e/relay) does not run. `npm run livekit:install` builds one.",
  );
}

// Specs whose outcome never depends on the data layer (headers, CSP, redirects, body limits, CORS, a server that must
// refuse to start, accessibility scans, the browser's own memory while recording). CI's second e2e pass, on
// PostgreSQL and Redis, sets E2E_DATA_LAYER_ONLY=1 and leaves them to the first (embedded) pass.
const BROWSER_ONLY_SPECS = [
  /accessibility\.spec\.ts$/,
  /recording-memory\.spec\.ts$/,
  /content-security-policy\.spec\.ts$/,
  /security-headers\.spec\.ts$/,
  /body-limits\.spec\.ts$/,
  /open-redirect\.spec\.ts$/,
  /misconfigured-start\.spec\.ts$/,
  /cors\.spec\.ts$/,
];
const DATA_LAYER_ONLY = process.env.E2E_DATA_LAYER_ONLY === "1";

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
    ...(reportDir
      ? [["json", { outputFile: `${reportDir}/${reportPrefix}-playwright.json` }] as ["json", { outputFile: string }]]
      : []),
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
        // WebRTC to the LiveKit server on 127.0.0.1: without these Chromium filters loopback ICE candidates.
        "--allow-loopback-in-peer-connection",
        "--disable-features=WebRtcHideLocalIpsWithMdns",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    {
      name: "chromium",
      testIgnore: [/relay\//, ...(DATA_LAYER_ONLY ? BROWSER_ONLY_SPECS : [])],
      use: { ...devices["Desktop Chrome"], storageState: ADMIN_STATE },
      dependencies: ["setup"],
    },
    // Against a real LiveKit server that its specs start and stop themselves: after every local-mode spec (so none of
    // them ever sees a relay), one spec at a time (one of them restarts the server mid-answer).
    ...(RELAY
      ? [
          {
            name: "relay",
            testDir: "e2e/relay",
            workers: 1,
            timeout: 180_000,
            use: { ...devices["Desktop Chrome"], storageState: ADMIN_STATE },
            dependencies: ["chromium"],
          },
        ]
      : []),
  ],
  webServer: [
    // The AI provider the app's transcription and evaluation talk to (OpenAI-compatible HTTP, scripted answers).
    {
      command: "npx tsx test/ai-server/demo-provider.ts",
      url: `http://127.0.0.1:${AI_DEMO_PORT}/health`,
      env: { AI_DEMO_PORT: String(AI_DEMO_PORT) },
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "npx tsx scripts/e2e-server.ts",
      url: `${BASE_URL}/health`,
      // The relay the app is configured with runs only while the relay project's specs run; short-lived join tokens so
      // that refreshes happen within a test.
      env: {
        E2E_PORT: String(PORT),
        LIVEKIT_URL: E2E_LIVEKIT_URL,
        LIVEKIT_CANDIDATE_TOKEN_TTL_S: String(E2E_CANDIDATE_TOKEN_TTL_S),
        // Transcription and evaluation on, against the demo provider; the jobs run inside the app (also on PostgreSQL).
        TRANSCRIBE_BASE_URL: AI_DEMO_URL,
        TRANSCRIBE_API_KEY: "e2e-demo",
        EVAL_BASE_URL: AI_DEMO_URL,
        EVAL_API_KEY: "e2e-demo",
        WORKER_IN_PROCESS: "true",
        // e2e/cors.spec.ts serves a page from this second origin and calls the API from it.
        CORS_ORIGINS: E2E_CORS_ORIGIN,
      },
      timeout: 240_000, // a cold `next build` plus migrations and seed
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
  ],
});
