import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { POST as startRoute } from "@/app/api/candidates/interviews/start-session/route";
import { login } from "@/lib/auth/login";
import { SESSION_LIFETIME_S } from "@/lib/auth/session-lifetime";
import { env, setEnvForTests } from "@/lib/env";
import type { InterviewActor } from "@/lib/interviews/access";
import { pendingRoomOps, resetRoomServiceForTests } from "@/lib/livekit/room-service";
import { captureLogs } from "@/test/kits/livekit";
import { apiLogin, DEMO_PASSWORD } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import {
  countRequests,
  describeWithLivekit,
  REAL_LIVEKIT_KEY,
  REAL_LIVEKIT_SECRET,
  useLivekitServer,
} from "@/test/livekit-server";
import { useTestDb } from "@/test/use-test-db";
import { GET } from "./route";

// Against a real LiveKit server: the rooms counted are the ones starting sessions opened there, per company.

const fixture = useTestDb();
const ip = fileClientIp();
const WRONG_SECRET = "wrong-livekit-secret-of-the-right-length-00000002";
const STAFF = ["hr@nextgenai.com", "employee@nextgenai.com", "admin@globex.com"] as const;
type Staff = (typeof STAFF)[number];
const tokens = {} as Record<Staff, string>;

beforeAll(async () => {
  for (const who of STAFF) tokens[who] = (await apiLogin(who, ip)).access_token;
});

const status = (options: { who?: Staff; headers?: Record<string, string> } = {}) =>
  call(GET, "/api/livekit/status", {
    ip,
    token: options.who ? tokens[options.who] : undefined,
    headers: options.headers,
  });

/** Starts an interview session through the candidate's route, as a candidate would: it opens the session's room. */
async function startSessionOf(actor: InterviewActor) {
  const interview = await makeInterview(actor);
  const { value } = await makeInvite(actor, interview.id);
  const res = await call(startRoute, "/api/candidates/interviews/start-session", { body: { token: value }, ip });
  expect(res.status).toBe(200);
}

function expectNoSecrets(text: string) {
  for (const secret of [REAL_LIVEKIT_SECRET, WRONG_SECRET, REAL_LIVEKIT_KEY, "eyJ"]) expect(text).not.toContain(secret);
}

describeWithLivekit("GET /api/livekit/status against a real LiveKit server", () => {
  const livekit = useLivekitServer();

  beforeEach(async () => {
    await livekit.server.start(); // an earlier test may have left it stopped
    setEnvForTests(livekit.env());
    resetRoomServiceForTests();
    await livekit.clearRooms();
  });
  afterEach(async () => {
    await pendingRoomOps();
    vi.restoreAllMocks();
  });

  it("is for signed-in staff only, and asks the server nothing otherwise", async () => {
    const requests = countRequests(livekit.server);
    expect((await status()).status).toBe(401);
    expect(requests()).toBe(0);
  });

  it("reports reachable, the latency and the caller's company's rooms only, for any staff role", async () => {
    const nextgen = actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
    const globex = actorFrom(fixture.people["admin@globex.com"]!, "ADMIN");
    await Promise.all([startSessionOf(nextgen), startSessionOf(nextgen), startSessionOf(globex)]);
    await pendingRoomOps();
    expect(await livekit.rooms()).toHaveLength(3);

    const expected: Record<Staff, number> = {
      "hr@nextgenai.com": 2,
      "employee@nextgenai.com": 2,
      "admin@globex.com": 1,
    };
    for (const who of STAFF) {
      const res = await status({ who });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.json).toEqual({
        reachable: true,
        url: livekit.server.url,
        latency_ms: expect.any(Number),
        rooms: expected[who],
        checked_at: expect.any(String),
      });
      expectNoSecrets(res.text);
    }
  });

  it("accepts the dashboard's session cookie", async () => {
    await startSessionOf(actorFrom(fixture.people["admin@globex.com"]!, "ADMIN"));
    await pendingRoomOps();
    const { user, session } = await login({
      email: "hr@nextgenai.com",
      password: DEMO_PASSWORD,
      kind: "web",
      meta: { ip, userAgent: "vitest" },
    });
    const name = "authjs.session-token";
    const jwt = await encode({
      token: { sub: user.id, sid: session.id },
      secret: env().AUTH_SECRET,
      salt: name,
      maxAge: SESSION_LIFETIME_S,
    });
    const res = await status({ headers: { cookie: `${name}=${jwt}` } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ reachable: true, rooms: 0 }); // Globex's room is not NextGen's business
  });

  it("never shows the key, the secret, a token or the URL's credentials, though the server echoes the rejected token", async () => {
    captureLogs();
    const { LIVEKIT_URL } = livekit.env();
    const withCredentials = `${LIVEKIT_URL!.replace("ws://", "ws://user:pass@")}/?access_token=abc`;
    setEnvForTests(livekit.env({ LIVEKIT_URL: withCredentials, LIVEKIT_API_SECRET: WRONG_SECRET }));
    const res = await status({ who: "hr@nextgenai.com" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      reachable: false,
      url: livekit.server.url,
      error: expect.stringMatching(/^HTTP 401\b.*\[redacted\]/),
    });
    expectNoSecrets(res.text);
    expect(res.text).not.toMatch(/pass|access_token/);
  });

  it("reports a stopped server as 200 unreachable with the reason, and still asks while lifecycle calls are skipped", async () => {
    captureLogs();
    await livekit.server.stop();
    const requests = countRequests(livekit.server);
    for (let i = 1; i <= 2; i++) {
      const res = await status({ who: "hr@nextgenai.com" });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        reachable: false,
        url: livekit.server.url,
        latency_ms: expect.any(Number),
        error: "ECONNREFUSED",
        checked_at: expect.any(String),
      });
      expectNoSecrets(res.text);
      expect(requests()).toBe(i);
    }
  });
});
