import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setEnvForTests } from "@/lib/env";
import { closeRoom, httpUrl, openRoom, pendingRoomOps, probe, resetRoomServiceForTests } from "./room-service";
import { captureLogs, eventually, startTwirpStub, type TwirpStub } from "@/test/kits/livekit";

// What a real LiveKit server cannot be made to do: answer late, or never. A local Twirp stub plays that relay. The
// lifecycle itself, wrong credentials and a stopped server are tested against the real one (room-service.real.test.ts).

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
  Object.assign(stub.state, { delayMs: 0, received: 0, maxInFlight: 0, aborted: 0 });
});
afterEach(async () => {
  await pendingRoomOps();
  vi.restoreAllMocks();
});

const session = (n: number) => ({
  room: `interview-test-${n}`,
  sessionId: `00000000-0000-4000-8000-00000000000${n}`,
  companyId: "c0ffee00-0000-4000-8000-000000000000",
});

describe("the Twirp address", () => {
  it("is derived from the signalling URL", () => {
    expect(httpUrl("ws://localhost:7880")).toBe("http://localhost:7880");
    expect(httpUrl("wss://demo.livekit.cloud")).toBe("https://demo.livekit.cloud");
    expect(httpUrl("https://relay.example.com/")).toBe("https://relay.example.com");
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
    expect(logs.livekit()).toEqual([
      expect.objectContaining({ message: "livekit.unreachable", error: "timed out after 200 ms" }),
    ]);

    const status = await probe({ companyId: session(1).companyId });
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
