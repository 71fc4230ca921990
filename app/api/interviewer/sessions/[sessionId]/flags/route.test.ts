import { and, eq } from "drizzle-orm";
import { TokenVerifier } from "livekit-server-sdk";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, interviewSessions } from "@/db/schema";
import { env } from "@/lib/env";
import { flagPositionMs } from "@/lib/observation/flags";
import { completeByInvite, startedSession, useTempDataDir } from "@/test/kits/recordings";
import { recordAnswer, webmOf } from "@/test/kits/review";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { GET as detailRoute } from "../route";
import { POST as observationRoute } from "../observation/route";
import { GET as listFlagsRoute, POST as addFlagRoute } from "./route";

const fixture = useTestDb();
useTempDataDir();
const ip = fileClientIp();
const tokens: Record<string, string> = {};
const HR = "hr@nextgenai.com";
const LEAD = "lead@nextgenai.com";
const EMPLOYEE = "employee@nextgenai.com";
const GLOBEX = "admin@globex.com";

beforeAll(async () => {
  for (const who of [HR, LEAD, EMPLOYEE, GLOBEX]) tokens[who] = (await apiLogin(who, ip)).access_token;
});

const hr = () => actorFrom(fixture.people[HR]!, "HR");
const observe = (who: string, sessionId: string, event: string) =>
  call(observationRoute, "/x", { token: tokens[who], ip, params: { sessionId }, body: { event } });
const addFlag = (who: string, sessionId: string, note: unknown) =>
  call(addFlagRoute, "/x", { token: tokens[who], ip, params: { sessionId }, body: { note } });
const listFlags = (who: string, sessionId: string) =>
  call(listFlagsRoute, "/x", { token: tokens[who], ip, params: { sessionId } });

describe("silent observation and flags", () => {
  it("starting an observation is audited and answers a hidden, subscribe-only token for the session's room; stopping is audited", async () => {
    const s = await startedSession(hr());
    const started = await observe(HR, s.sessionId, "started");
    expect(started.status).toBe(200);
    const claims = await new TokenVerifier(env().LIVEKIT_API_KEY, env().LIVEKIT_API_SECRET).verify(
      started.json.livekit.token,
    );
    expect(claims.video).toMatchObject({
      room: `interview-${s.sessionId}`,
      roomJoin: true,
      hidden: true,
      canSubscribe: true,
      canPublish: false,
      canPublishData: false,
    });
    expect(claims.sub).toMatch(/^staff:/);
    expect((await observe(HR, s.sessionId, "stopped")).status).toBe(200);
    const db = await getDb();
    const actions = (
      await db.select({ action: auditLogs.action }).from(auditLogs).where(eq(auditLogs.resourceId, s.sessionId))
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["OBSERVATION_STARTED", "OBSERVATION_STOPPED"]));
  });

  it("a flag lands on the question the candidate is on, is audited, and shows in the review with its place in the recording", async () => {
    const s = await startedSession(hr());
    await recordAnswer(s, 0, webmOf(2048));
    const flagged = await addFlag(HR, s.sessionId, "  Strong example of ownership  ");
    expect(flagged.status).toBe(201);
    expect(flagged.json).toMatchObject({ answer: 0, note: "Strong example of ownership", author: expect.any(String) });
    const listed = await listFlags(HR, s.sessionId);
    expect(listed.json).toHaveLength(1);
    const db = await getDb();
    const audited = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, s.sessionId), eq(auditLogs.action, "OBSERVATION_FLAGGED")));
    expect(audited).toHaveLength(1);

    expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(200);
    const detail = await call(detailRoute, "/x", { token: tokens[HR], ip, params: { sessionId: s.sessionId } });
    expect(detail.json.flags).toEqual([
      expect.objectContaining({ id: flagged.json.id, answer: 0, note: "Strong example of ownership" }),
    ]);
    // After completion nothing can be flagged or watched any more.
    expect((await addFlag(HR, s.sessionId, "late")).status).toBe(409);
    expect((await observe(HR, s.sessionId, "started")).status).toBe(409);
  });

  it("places a flag on its recording from ready_at and duration, clamped to the recording", () => {
    const recording = { ready_at: "2026-11-21T10:01:00.000Z", duration_ms: 60_000 };
    expect(flagPositionMs("2026-11-21T10:00:30.000Z", recording)).toBe(30_000);
    expect(flagPositionMs("2026-11-21T09:59:00.000Z", recording)).toBe(0);
    expect(flagPositionMs("2026-11-21T10:05:00.000Z", recording)).toBe(60_000);
    expect(flagPositionMs("2026-11-21T10:00:30.000Z", { ready_at: null, duration_ms: null })).toBeNull();
  });

  it("refuses a blank or long note (422), an employee (403), a team lead who does not own the interview (403), another company (404), no token (401)", async () => {
    const s = await startedSession(hr());
    expect((await addFlag(HR, s.sessionId, "   ")).status).toBe(422);
    expect((await addFlag(HR, s.sessionId, "x".repeat(501))).status).toBe(422);
    expect((await addFlag(EMPLOYEE, s.sessionId, "hi")).status).toBe(403);
    expect((await observe(EMPLOYEE, s.sessionId, "started")).status).toBe(403);
    expect((await addFlag(LEAD, s.sessionId, "hi")).status).toBe(403);
    expect((await observe(LEAD, s.sessionId, "started")).status).toBe(403);
    expect((await addFlag(GLOBEX, s.sessionId, "hi")).status).toBe(404);
    expect((await observe(GLOBEX, s.sessionId, "started")).status).toBe(404);
    expect(
      (await call(addFlagRoute, "/x", { ip, params: { sessionId: s.sessionId }, body: { note: "hi" } })).status,
    ).toBe(401);
    const db = await getDb();
    const [row] = await db.select().from(interviewSessions).where(eq(interviewSessions.id, s.sessionId));
    expect(row!.status).toBe("in_progress");
  });
});
