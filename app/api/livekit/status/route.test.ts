import { encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { login } from "@/lib/auth/login";
import { SESSION_LIFETIME_S } from "@/lib/auth/session-lifetime";
import { env, setEnvForTests } from "@/lib/env";
import { openRoom, pendingRoomOps, resetRoomServiceForTests } from "@/lib/livekit/room-service";
import { captureLogs, refusedUrl, startTwirpStub, type TwirpStub } from "@/lib/livekit/test-kit";
import { apiLogin, DEMO_PASSWORD } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { useTestDb } from "@/test/use-test-db";
import { GET } from "./route";

useTestDb();
const ip = fileClientIp();
const SECRET = "status-route-livekit-secret-never-shown-000000001";
const KEY = "APIstatusKeyNeverShown";
const tokens: Record<string, string> = {};
let stub: TwirpStub;

beforeAll(async () => {
  stub = await startTwirpStub();
  for (const who of ["hr@nextgenai.com", "employee@nextgenai.com"]) tokens[who] = (await apiLogin(who, ip)).access_token;
});
afterAll(async () => {
  await stub.close();
  setEnvForTests(undefined);
});
beforeEach(() => {
  setEnvForTests({ LIVEKIT_URL: stub.url, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET });
  resetRoomServiceForTests();
  stub.rooms.clear();
  Object.assign(stub.state, { delayMs: 0, echoAuthorization: false });
});
afterEach(async () => {
  await pendingRoomOps();
  vi.restoreAllMocks();
});

const status = (options: { who?: string; headers?: Record<string, string> } = {}) =>
  call(GET, "/api/livekit/status", { ip, token: options.who ? tokens[options.who] : undefined, headers: options.headers });

function expectNoSecrets(text: string) {
  for (const secret of [SECRET, KEY, "eyJ"]) expect(text).not.toContain(secret);
}

describe("GET /api/livekit/status", () => {
  it("is for signed-in staff only", async () => {
    expect((await status()).status).toBe(401);
    expect(stub.state.received).toBe(0);
  });

  it("reports a relay that answers: its URL, the latency and the number of rooms, for any role", async () => {
    await openRoom({ room: "interview-x", sessionId: "s", companyId: "c" });
    for (const who of ["hr@nextgenai.com", "employee@nextgenai.com"]) {
      const res = await status({ who });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.json).toEqual({ reachable: true, url: stub.url, latency_ms: expect.any(Number), rooms: 1, checked_at: expect.any(String) });
      expectNoSecrets(res.text);
    }
  });

  it("accepts the dashboard's session cookie", async () => {
    const { user, session } = await login({ email: "hr@nextgenai.com", password: DEMO_PASSWORD, kind: "web", meta: { ip, userAgent: "vitest" } });
    const name = "authjs.session-token";
    const jwt = await encode({ token: { sub: user.id, sid: session.id }, secret: env().AUTH_SECRET, salt: name, maxAge: SESSION_LIFETIME_S });
    const res = await status({ headers: { cookie: `${name}=${jwt}` } });
    expect(res.status).toBe(200);
    expect(res.json.reachable).toBe(true);
  });

  it("reports an unreachable relay as 200 with the reason, and still asks while lifecycle calls are skipped", async () => {
    captureLogs();
    const url = await refusedUrl();
    setEnvForTests({ LIVEKIT_URL: url, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET });
    for (let i = 0; i < 2; i++) {
      const res = await status({ who: "hr@nextgenai.com" });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ reachable: false, url, error: "ECONNREFUSED", latency_ms: expect.any(Number) });
      expect(res.json.rooms).toBeUndefined();
    }
  });

  it("never shows the key, the secret or a token, even when the relay echoes the request", async () => {
    captureLogs();
    stub.state.echoAuthorization = true;
    setEnvForTests({ LIVEKIT_URL: `${stub.url.replace("ws://", "ws://user:pass@")}/?access_token=abc`, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET });
    const res = await status({ who: "hr@nextgenai.com" });
    expect(res.json).toMatchObject({ reachable: false, url: stub.url, error: expect.stringMatching(/^HTTP 401 unauthenticated/) });
    expectNoSecrets(res.text);
    expect(res.text).not.toMatch(/pass|access_token/);
  });
});
