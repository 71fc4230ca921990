import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as startRoute } from "@/app/api/candidates/interviews/start-session/route";
import { setEnvForTests } from "@/lib/env";
import { pendingRoomOps, resetRoomServiceForTests } from "@/lib/livekit/room-service";
import { captureLogs, eventually, startTwirpStub, type TwirpStub } from "@/test/kits/livekit";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";

// The candidate flow must not wait on the LiveKit relay. A real server cannot be made to sit on a request or answer
// late, so a local Twirp stub plays that relay here; the room lifecycle itself, and a stopped server, are tested
// against a real one (room-lifecycle.real.test.ts).

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
  stub.rooms.clear();
  Object.assign(stub.state, { delayMs: 0, hold: false, received: 0, maxInFlight: 0, aborted: 0 });
});
afterEach(async () => {
  stub.state.hold = false;
  stub.release();
  await pendingRoomOps();
  vi.restoreAllMocks();
});

const start = (token: string) => call(startRoute, "/api/candidates/interviews/start-session", { body: { token }, ip });

describe("the candidate flow with a relay that answers late or never", () => {
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
    expect(logs.livekit()).toEqual([
      expect.objectContaining({ message: "livekit.unreachable", error: "timed out after 300 ms" }),
    ]);
    // While the breaker is open, more starts send nothing at all.
    const { value } = await makeInvite(hr(), interview.id);
    expect((await start(value)).status).toBe(200);
    await pendingRoomOps();
    expect(stub.state.received).toBe(1);
  });
});
