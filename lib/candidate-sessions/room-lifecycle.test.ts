import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as startRoute } from "@/app/api/candidates/interviews/start-session/route";
import { getDb } from "@/db";
import { recordings } from "@/db/schema";
import { setEnvForTests } from "@/lib/env";
import { MAX_OBSERVERS, pendingRoomOps, resetRoomServiceForTests, ROOM_EMPTY_TIMEOUT_S } from "@/lib/livekit/room-service";
import { captureLogs, eventually, refusedUrl, startTwirpStub, type TwirpStub } from "@/lib/livekit/test-kit";
import { completeByInvite, startedSession } from "@/lib/recordings/test-kit";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";

// The LiveKit room follows the session: created when a new attempt starts, deleted when it completes or a restart
// abandons it. The relay is a local Twirp stub; the candidate flow must not notice when it is down or slow.

const fixture = useTestDb();
const ip = fileClientIp();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
let stub: TwirpStub;

beforeAll(async () => {
  stub = await startTwirpStub();
});
afterAll(async () => {
  await stub.close();
  setEnvForTests(undefined);
});
beforeEach(() => {
  setEnvForTests({ LIVEKIT_URL: stub.url });
  resetRoomServiceForTests();
  stub.calls.length = 0;
  stub.rooms.clear();
  Object.assign(stub.state, { delayMs: 0, hold: false, received: 0, maxInFlight: 0, aborted: 0 });
});
afterEach(async () => {
  stub.state.hold = false;
  stub.release();
  await pendingRoomOps();
  vi.restoreAllMocks();
});

const start = (token: string, extra: Record<string, unknown> = {}) =>
  call(startRoute, "/api/candidates/interviews/start-session", { body: { token, ...extra }, ip });

async function addReadyRecording(sessionId: string) {
  const db = await getDb();
  await db.insert(recordings).values({ sessionId, companyId: hr().companyId, questionIndex: 0, status: "ready", sizeBytes: 1000, mimeType: "video/webm" });
}

describe("room lifecycle", () => {
  it("a new session creates exactly one room, named for it, with no personal data; a resume creates none", async () => {
    const interview = await makeInterview(hr());
    const { value } = await makeInvite(hr(), interview.id, { candidate_name: "Ada Lovelace", candidate_email: "ada@example.com" });
    const res = await start(value);
    expect(res.status).toBe(200);
    await pendingRoomOps();
    expect(stub.methods()).toEqual(["CreateRoom"]);
    const { body } = stub.calls[0]!;
    expect(body).toMatchObject({ name: res.json.livekit.room_name, emptyTimeout: ROOM_EMPTY_TIMEOUT_S, maxParticipants: 1 + MAX_OBSERVERS });
    expect(JSON.parse(String(body.metadata))).toEqual({ session_id: res.json.session_id, company_id: hr().companyId });
    expect(JSON.stringify(body)).not.toMatch(/Ada|Lovelace|ada@example/);

    const resumed = await start(value, { resume_token: res.json.resume_token });
    expect(resumed.json.resumed).toBe(true);
    await pendingRoomOps();
    expect(stub.methods()).toEqual(["CreateRoom"]);
  });

  it("completing deletes the room once; completing again changes nothing", async () => {
    const s = await startedSession(hr());
    await pendingRoomOps();
    const room = `interview-${s.sessionId}`;
    expect(stub.rooms.has(room)).toBe(true);
    await addReadyRecording(s.sessionId);
    expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(200);
    await pendingRoomOps();
    expect(stub.rooms.has(room)).toBe(false);
    const again = await completeByInvite(s.invite, s.resumeToken);
    expect(again.json.already_completed).toBe(true);
    await pendingRoomOps();
    expect(stub.methods()).toEqual(["CreateRoom", "DeleteRoom"]);
    expect(stub.calls[1]!.body).toEqual({ room });
  });

  it("a restart that abandons the attempt in progress deletes its room and opens a new one", async () => {
    const interview = await makeInterview(hr());
    const { value } = await makeInvite(hr(), interview.id, { max_attempts: 2 });
    const first = await start(value);
    await pendingRoomOps();
    const second = await start(value); // no resume token: a new attempt
    expect(second.json.attempt_number).toBe(2);
    await pendingRoomOps();
    expect(stub.calls.map((c) => [c.method, c.body.name ?? c.body.room])).toEqual([
      ["CreateRoom", first.json.livekit.room_name],
      ["DeleteRoom", first.json.livekit.room_name],
      ["CreateRoom", second.json.livekit.room_name],
    ]);
    expect([...stub.rooms.keys()]).toEqual([second.json.livekit.room_name]);
  });
});

describe("the candidate flow without a relay", () => {
  it("starts and completes sessions while the relay refuses connections, with one warning in all", async () => {
    const logs = captureLogs();
    setEnvForTests({ LIVEKIT_URL: await refusedUrl() });
    const interview = await makeInterview(hr());
    for (let i = 0; i < 5; i++) {
      const { value } = await makeInvite(hr(), interview.id);
      const res = await start(value);
      expect(res.status).toBe(200);
      await addReadyRecording(res.json.session_id);
      expect((await completeByInvite(value, res.json.resume_token)).status).toBe(200);
    }
    await pendingRoomOps();
    expect(logs.livekit()).toEqual([expect.objectContaining({ level: "warn", message: "livekit.unreachable", error: "ECONNREFUSED" })]);
  });

  it("answers starts while the relay sits on the room request, and sends it one request, not one per start", async () => {
    resetRoomServiceForTests({ timeoutMs: 30_000 }); // held, not timed out: this test is about not waiting
    stub.state.hold = true;
    const interview = await makeInterview(hr());
    const invites = await Promise.all(Array.from({ length: 8 }, () => makeInvite(hr(), interview.id)));
    const responses = await Promise.all(invites.map(({ value }) => start(value)));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    await eventually(() => stub.state.received === 1);
    expect(stub.state.inFlight).toBe(1); // every answer went out while the relay still held the first request
    // The relay answers: the starts that waited on that trial now create their rooms.
    stub.state.hold = false;
    stub.release();
    await pendingRoomOps();
    expect(stub.rooms.size).toBe(8);
    expect(stub.state.maxInFlight).toBeLessThanOrEqual(8);
  });

  it("gives up on a relay slower than the timeout, with one request for a burst of starts", async () => {
    const logs = captureLogs();
    resetRoomServiceForTests({ timeoutMs: 300 });
    stub.state.delayMs = 10_000;
    const interview = await makeInterview(hr());
    const invites = await Promise.all(Array.from({ length: 8 }, () => makeInvite(hr(), interview.id)));
    const responses = await Promise.all(invites.map(({ value }) => start(value)));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    await pendingRoomOps();
    expect(stub.state.received).toBe(1);
    await eventually(() => stub.state.inFlight === 0); // timed out and hung up: nothing piles up at the relay
    expect(stub.state.aborted).toBe(1);
    expect(logs.livekit()).toEqual([expect.objectContaining({ message: "livekit.unreachable", error: "timed out after 300 ms" })]);
    // While the breaker is open, more starts send nothing at all.
    const { value } = await makeInvite(hr(), interview.id);
    expect((await start(value)).status).toBe(200);
    await pendingRoomOps();
    expect(stub.state.received).toBe(1);
  });
});
