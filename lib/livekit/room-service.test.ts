import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setEnvForTests } from "@/lib/env";
import { closeRoom, httpUrl, MAX_OBSERVERS, openRoom, pendingRoomOps, probe, resetRoomServiceForTests, ROOM_EMPTY_TIMEOUT_S } from "./room-service";
import { captureLogs, eventually, refusedUrl, startTwirpStub, type TwirpStub } from "./test-kit";

const SECRET = "s3cr3t-livekit-api-secret-that-must-never-leak-0001";
const KEY = "APIkeyNeverShown";
let stub: TwirpStub;

beforeAll(async () => {
  stub = await startTwirpStub();
});
afterAll(async () => {
  await stub.close();
  setEnvForTests(undefined);
});
beforeEach(() => {
  setEnvForTests({ LIVEKIT_URL: stub.url, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET });
  resetRoomServiceForTests();
  stub.calls.length = 0;
  stub.rooms.clear();
  Object.assign(stub.state, { delayMs: 0, received: 0, maxInFlight: 0, aborted: 0, echoAuthorization: false });
});
afterEach(async () => {
  await pendingRoomOps();
  vi.restoreAllMocks();
});

const session = (n: number) => ({ room: `interview-test-${n}`, sessionId: `00000000-0000-4000-8000-00000000000${n}`, companyId: "c0ffee00-0000-4000-8000-000000000000" });

describe("room service against a Twirp stub", () => {
  it("creates the room with the lifecycle settings and a session-only metadata, signed with a roomCreate grant", async () => {
    expect(await openRoom(session(1))).toBe("done");
    expect(stub.calls).toHaveLength(1);
    const [call] = stub.calls;
    expect(call!.method).toBe("CreateRoom");
    expect(call!.video).toMatchObject({ roomCreate: true });
    expect(call!.body).toMatchObject({ name: "interview-test-1", emptyTimeout: ROOM_EMPTY_TIMEOUT_S, maxParticipants: 1 + MAX_OBSERVERS });
    expect(JSON.parse(String(call!.body.metadata))).toEqual({ session_id: session(1).sessionId, company_id: session(1).companyId });
    expect(stub.rooms.has("interview-test-1")).toBe(true);
  });

  it("deletes the room; a room the server no longer knows counts as closed", async () => {
    await openRoom(session(2));
    expect(await closeRoom("interview-test-2")).toBe("done");
    expect(stub.rooms.has("interview-test-2")).toBe(false);
    expect(await closeRoom("interview-test-2")).toBe("done"); // 404 not_found
    expect(stub.methods()).toEqual(["CreateRoom", "DeleteRoom", "DeleteRoom"]);
    expect(stub.calls[1]!.body).toEqual({ room: "interview-test-2" });
    expect(stub.calls[1]!.video).toMatchObject({ roomCreate: true });
  });

  it("probe lists the rooms with a roomList grant and reports the URL and latency", async () => {
    await openRoom(session(3));
    const status = await probe();
    expect(status).toEqual({ reachable: true, url: stub.url, latency_ms: expect.any(Number), rooms: 1 });
    expect(stub.calls.at(-1)).toMatchObject({ method: "ListRooms", video: { roomList: true } });
  });

  it("concurrent probes share one request", async () => {
    stub.state.delayMs = 50;
    const results = await Promise.all(Array.from({ length: 10 }, () => probe()));
    expect(results.every((r) => r.reachable)).toBe(true);
    expect(stub.state.received).toBe(1);
  });

  it("derives the Twirp host from the signalling URL", () => {
    expect(httpUrl("ws://localhost:7880")).toBe("http://localhost:7880");
    expect(httpUrl("wss://demo.livekit.cloud")).toBe("https://demo.livekit.cloud");
    expect(httpUrl("https://relay.example.com/")).toBe("https://relay.example.com");
  });
});

describe("an unreachable relay", () => {
  it("logs one warning for many failures and sends nothing while the breaker is open", async () => {
    const logs = captureLogs();
    setEnvForTests({ LIVEKIT_URL: await refusedUrl(), LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET });
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? openRoom(session(4)) : closeRoom("interview-test-4"))));
    // One trial went out and was refused; everyone waiting on it was skipped.
    expect(outcomes.filter((o) => o === "failed")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "skipped")).toHaveLength(19);
    for (let i = 0; i < 20; i++) expect(await openRoom(session(4))).toBe("skipped");
    const status = await probe(); // an explicit check still asks
    expect(status).toMatchObject({ reachable: false, error: "ECONNREFUSED" });
    expect(logs.livekit()).toHaveLength(1);
    expect(logs.livekit()[0]).toMatchObject({ level: "warn", message: "livekit.unreachable", error: "ECONNREFUSED" });
  });

  it("lets one trial through after the cooldown and logs the recovery once", async () => {
    const logs = captureLogs();
    resetRoomServiceForTests({ cooldownMs: 100 });
    setEnvForTests({ LIVEKIT_URL: await refusedUrl(), LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET });
    expect(await openRoom(session(5))).toBe("failed");
    setEnvForTests({ LIVEKIT_URL: stub.url, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET }); // the relay is back
    expect(await openRoom(session(5))).toBe("skipped"); // still cooling down: no request
    expect(stub.state.received).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const outcomes = await Promise.all(Array.from({ length: 5 }, (_, i) => openRoom(session(i + 5))));
    expect(outcomes).toEqual(["done", "done", "done", "done", "done"]); // the trial succeeded, so the others went ahead
    expect(await closeRoom("interview-test-5")).toBe("done");
    expect(logs.livekit().map((l) => [l.level, l.message])).toEqual([
      ["warn", "livekit.unreachable"],
      ["info", "livekit.reachable"],
    ]);
  });
});

describe("a slow relay", () => {
  it("times out, and a burst of calls makes one request that does not stay open", async () => {
    const logs = captureLogs();
    resetRoomServiceForTests({ timeoutMs: 200 });
    stub.state.delayMs = 5_000;
    const outcomes = await Promise.all(Array.from({ length: 25 }, (_, i) => openRoom(session(i))));
    expect(outcomes.filter((o) => o === "failed")).toHaveLength(1);
    expect(stub.state.received).toBe(1);
    expect(stub.state.maxInFlight).toBe(1);
    await eventually(() => stub.state.inFlight === 0); // the client hung up; nothing is left waiting on the relay
    expect(stub.state.aborted).toBe(1);
    expect(logs.livekit()).toEqual([expect.objectContaining({ message: "livekit.unreachable", error: "timed out after 200 ms" })]);

    const status = await probe();
    expect(status).toMatchObject({ reachable: false, error: "timed out after 200 ms" });
    expect(status.latency_ms).toBeGreaterThanOrEqual(150);
  });

  it("caps the requests in flight to a relay that answered before and then hangs", async () => {
    resetRoomServiceForTests({ timeoutMs: 200 });
    captureLogs();
    await openRoom(session(1));
    stub.state.delayMs = 5_000;
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => closeRoom(`interview-test-${i}`)));
    expect(outcomes.filter((o) => o === "failed").length).toBeLessThanOrEqual(16);
    expect(stub.state.maxInFlight).toBeLessThanOrEqual(16);
    const before = stub.state.received;
    expect(await closeRoom("interview-test-1")).toBe("skipped"); // the breaker is open now
    expect(stub.state.received).toBe(before);
  });
});

describe("secrets", () => {
  it("never shows the token, key or secret, even when the server echoes them", async () => {
    captureLogs();
    stub.state.echoAuthorization = true;
    const status = await probe();
    expect(status.reachable).toBe(false);
    expect(status.error).toMatch(/^HTTP 401 unauthenticated: rejected Bearer \[redacted\]/);
    const text = JSON.stringify(status);
    for (const secret of [SECRET, KEY, "eyJ"]) expect(text).not.toContain(secret);
  });
});
