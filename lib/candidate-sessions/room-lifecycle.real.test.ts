import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { POST as startRoute } from "@/app/api/candidates/interviews/start-session/route";
import { getDb } from "@/db";
import { recordings } from "@/db/schema";
import { setEnvForTests } from "@/lib/env";
import { captureLogs } from "@/test/kits/livekit";
import {
  MAX_OBSERVERS,
  pendingRoomOps,
  resetRoomServiceForTests,
  ROOM_DEPARTURE_TIMEOUT_S,
  ROOM_EMPTY_TIMEOUT_S,
} from "@/lib/livekit/room-service";
import { completeByInvite } from "@/test/kits/recordings";
import { revokeInvite } from "@/lib/invites/manage";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { countRequests, describeWithLivekit, useLivekitServer } from "@/test/livekit-server";
import { useTestDb } from "@/test/use-test-db";

// The LiveKit room follows the session, on a real LiveKit server: created when a new attempt starts, deleted when it
// completes, when a new attempt abandons it and when its invite is revoked. What the server holds is read back with
// its own ListRooms. room-lifecycle.test.ts keeps the relay that answers late or never.

const fixture = useTestDb();
const ip = fileClientIp();
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");

const start = (invite: string, extra: Record<string, unknown> = {}) =>
  call(startRoute, "/api/candidates/interviews/start-session", { body: { token: invite, ...extra }, ip });

async function addReadyRecording(sessionId: string) {
  const db = await getDb();
  await db.insert(recordings).values({
    sessionId,
    companyId: hr().companyId,
    questionIndex: 0,
    status: "ready",
    sizeBytes: 1000,
    mimeType: "video/webm",
  });
}

describeWithLivekit("room lifecycle on a real LiveKit server", () => {
  const livekit = useLivekitServer();
  const roomNamed = async (name: string) => (await livekit.rooms([name]))[0];

  beforeEach(async () => {
    await livekit.server.start(); // an earlier test may have left it stopped
    setEnvForTests(livekit.env());
    resetRoomServiceForTests();
  });
  afterEach(async () => {
    await pendingRoomOps();
    vi.restoreAllMocks();
  });

  it("a new session creates its room with the lifecycle settings and no personal data; a resume asks nothing", async () => {
    const interview = await makeInterview(hr());
    const { value } = await makeInvite(hr(), interview.id, {
      candidate_name: "Ada Lovelace",
      candidate_email: "ada@example.com",
    });
    const res = await start(value);
    expect(res.status).toBe(200);
    await pendingRoomOps();
    const room = await roomNamed(res.json.livekit.room_name);
    expect(room).toMatchObject({
      emptyTimeout: ROOM_EMPTY_TIMEOUT_S,
      departureTimeout: ROOM_DEPARTURE_TIMEOUT_S,
      maxParticipants: 1 + MAX_OBSERVERS,
    });
    expect(JSON.parse(room!.metadata)).toEqual({ session_id: res.json.session_id, company_id: hr().companyId });
    expect(room!.metadata).not.toMatch(/Ada|Lovelace|ada@example/);

    const requests = countRequests(livekit.server);
    const resumed = await start(value, { resume_token: res.json.resume_token });
    expect(resumed.json.resumed).toBe(true);
    await pendingRoomOps();
    expect(requests()).toBe(0);
  });

  it("completing deletes the room; completing again asks nothing", async () => {
    const interview = await makeInterview(hr());
    const { value } = await makeInvite(hr(), interview.id);
    const started = await start(value);
    await pendingRoomOps();
    const room = started.json.livekit.room_name;
    expect(await roomNamed(room)).toBeDefined();

    await addReadyRecording(started.json.session_id);
    expect((await completeByInvite(value, started.json.resume_token)).status).toBe(200);
    await pendingRoomOps();
    expect(await roomNamed(room)).toBeUndefined();

    const requests = countRequests(livekit.server);
    expect((await completeByInvite(value, started.json.resume_token)).json.already_completed).toBe(true);
    await pendingRoomOps();
    expect(requests()).toBe(0);
  });

  it("a new attempt that abandons the one in progress deletes its room and opens its own", async () => {
    const interview = await makeInterview(hr());
    const { value } = await makeInvite(hr(), interview.id, { max_attempts: 2 });
    const first = await start(value);
    await pendingRoomOps();
    expect(await roomNamed(first.json.livekit.room_name)).toBeDefined();

    const second = await start(value); // no resume token: a new attempt
    expect(second.json.attempt_number).toBe(2);
    await pendingRoomOps();
    expect(await roomNamed(first.json.livekit.room_name)).toBeUndefined();
    const room = await roomNamed(second.json.livekit.room_name);
    expect(JSON.parse(room!.metadata)).toEqual({ session_id: second.json.session_id, company_id: hr().companyId });
  });

  it("revoking the invite deletes the room of its attempt in progress", async () => {
    const interview = await makeInterview(hr());
    const { value, token } = await makeInvite(hr(), interview.id);
    const started = await start(value);
    await pendingRoomOps();
    expect(await roomNamed(started.json.livekit.room_name)).toBeDefined();

    await revokeInvite({ actor: hr(), interviewId: interview.id, tokenId: token.id, meta });
    await pendingRoomOps();
    expect(await roomNamed(started.json.livekit.room_name)).toBeUndefined();
  });

  it("sessions start and complete while the server is stopped, with one warning in all", async () => {
    const logs = captureLogs();
    await livekit.server.stop();
    const interview = await makeInterview(hr());
    for (let i = 0; i < 5; i++) {
      const { value } = await makeInvite(hr(), interview.id);
      const res = await start(value);
      expect(res.status).toBe(200);
      await addReadyRecording(res.json.session_id);
      expect((await completeByInvite(value, res.json.resume_token)).status).toBe(200);
    }
    await pendingRoomOps();
    expect(logs.livekit()).toEqual([
      expect.objectContaining({ level: "warn", message: "livekit.unreachable", error: "ECONNREFUSED" }),
    ]);
  });
});
