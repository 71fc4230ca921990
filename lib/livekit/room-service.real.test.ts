import { RoomServiceClient } from "livekit-server-sdk";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { setEnvForTests } from "@/lib/env";
import {
  countRequests,
  describeWithLivekit,
  REAL_LIVEKIT_KEY,
  REAL_LIVEKIT_SECRET,
  useLivekitServer,
} from "@/test/livekit-server";
import {
  closeRoom,
  MAX_OBSERVERS,
  openRoom,
  pendingRoomOps,
  probe,
  resetRoomServiceForTests,
  ROOM_DEPARTURE_TIMEOUT_S,
  ROOM_EMPTY_TIMEOUT_S,
} from "./room-service";
import { captureLogs } from "@/test/kits/livekit";

// The room service against a real LiveKit server: what it creates is read back with the server's own ListRooms, and
// the failures are the server's own (a wrong secret, the process stopped). lib/livekit/room-service.test.ts keeps the
// failures a real server cannot be made to produce (answering late or never).

const COMPANY = "c0ffee00-0000-4000-8000-000000000001";
const OTHER_COMPANY = "c0ffee00-0000-4000-8000-000000000002";
const WRONG_SECRET = "wrong-livekit-secret-of-the-right-length-00000001";
const session = (n: number, companyId = COMPANY) => ({
  room: `interview-real-${n}`,
  sessionId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  companyId,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectNoSecrets(text: string) {
  for (const secret of [REAL_LIVEKIT_SECRET, WRONG_SECRET, REAL_LIVEKIT_KEY, "eyJ"]) expect(text).not.toContain(secret);
}

describeWithLivekit("room service against a real LiveKit server", () => {
  const livekit = useLivekitServer();

  beforeEach(async () => {
    await livekit.server.start(); // an earlier test may have left it stopped
    setEnvForTests(livekit.env());
    resetRoomServiceForTests();
  });
  afterEach(async () => {
    await pendingRoomOps();
    vi.restoreAllMocks();
  });

  it("creates the room with the empty and departure timeouts, the participant cap and a metadata naming only the session", async () => {
    expect(await openRoom(session(1))).toBe("done");
    const rooms = await livekit.rooms([session(1).room]);
    expect(rooms).toHaveLength(1);
    expect(rooms[0]).toMatchObject({
      name: session(1).room,
      emptyTimeout: ROOM_EMPTY_TIMEOUT_S,
      departureTimeout: ROOM_DEPARTURE_TIMEOUT_S,
      maxParticipants: 1 + MAX_OBSERVERS,
    });
    expect(JSON.parse(rooms[0]!.metadata)).toEqual({ session_id: session(1).sessionId, company_id: COMPANY });
  });

  it("deletes the room; a room the server does not know counts as closed and does not trip the breaker", async () => {
    const logs = captureLogs();
    await openRoom(session(2));
    expect(await closeRoom(session(2).room)).toBe("done");
    expect(await livekit.rooms([session(2).room])).toEqual([]);
    expect(await closeRoom(session(2).room)).toBe("done"); // deleted already
    expect(await closeRoom("interview-never-opened")).toBe("done");
    expect(await openRoom(session(3))).toBe("done");
    expect(logs.livekit()).toEqual([]);
  });

  it("probe: reachable with its latency, counting only the viewer's company's rooms, concurrent checks sharing one ListRooms", async () => {
    await livekit.clearRooms();
    for (const s of [session(10), session(11), session(12, OTHER_COMPANY)]) expect(await openRoom(s)).toBe("done");
    // Rooms made by other clients (LiveKit creates one when someone joins a room that does not exist) count for nobody.
    const admin = new RoomServiceClient(livekit.server.httpUrl, REAL_LIVEKIT_KEY, REAL_LIVEKIT_SECRET);
    await admin.createRoom({ name: "joined-without-metadata" });
    await admin.createRoom({ name: "foreign-metadata", metadata: "not json" });

    const requests = countRequests(livekit.server);
    const [mine, theirs, nobody, mineAgain] = await Promise.all([
      probe({ companyId: COMPANY }),
      probe({ companyId: OTHER_COMPANY }),
      probe({ companyId: "c0ffee00-0000-4000-8000-000000000003" }),
      probe({ companyId: COMPANY }),
    ]);
    expect(requests()).toBe(1);
    expect(mine).toEqual({ reachable: true, url: livekit.server.url, latency_ms: expect.any(Number), rooms: 2 });
    expect(mineAgain).toEqual(mine);
    expect(theirs).toMatchObject({ reachable: true, rooms: 1 });
    expect(nobody).toMatchObject({ reachable: true, rooms: 0 });

    // The next check asks again: sharing is for checks in flight together, not a cache.
    await closeRoom(session(10).room);
    expect((await probe({ companyId: COMPANY })).rooms).toBe(1);
    expect(requests()).toBe(3);
  });

  it("a wrong API secret fails with a reason that shows no token or secret, and opens the breaker", async () => {
    const logs = captureLogs();
    setEnvForTests(livekit.env({ LIVEKIT_API_SECRET: WRONG_SECRET }));
    expect(await openRoom(session(20))).toBe("failed");
    const [warning] = logs.livekit();
    expect(warning).toMatchObject({
      level: "warn",
      message: "livekit.unreachable",
      op: "create",
      room: session(20).room,
    });
    // The server echoes the rejected token in its message; only the redaction stands where it was.
    expect(warning!.error).toMatch(/^HTTP 401\b.*invalid token: \[redacted\]/);
    expectNoSecrets(JSON.stringify(logs.lines));

    const status = await probe({ companyId: COMPANY }); // an explicit check still asks, and says why
    expect(status).toMatchObject({
      reachable: false,
      url: livekit.server.url,
      error: expect.stringMatching(/^HTTP 401\b/),
    });
    expect(status.rooms).toBeUndefined();
    expectNoSecrets(JSON.stringify(status));

    // The right secret again: lifecycle calls are still skipped without a request until the cooldown ends.
    setEnvForTests(livekit.env());
    const requests = countRequests(livekit.server);
    expect(await openRoom(session(21))).toBe("skipped");
    expect(await closeRoom(session(21).room)).toBe("skipped");
    expect(requests()).toBe(0);
    expect(await livekit.rooms([session(21).room])).toEqual([]);
    expect(logs.livekit()).toHaveLength(1);
  });

  it("a server stopped mid-run: one failed call, then skipped without a request; restarted, the breaker recovers after the cooldown", async () => {
    const logs = captureLogs();
    // Long enough that restarting the real server (seconds on a loaded machine) ends inside it; 300 ms did not.
    const cooldownMs = 5_000;
    resetRoomServiceForTests({ cooldownMs });
    expect(await openRoom(session(30))).toBe("done");

    await livekit.server.stop();
    const requests = countRequests(livekit.server);
    expect(await openRoom(session(31))).toBe("failed");
    const failedAt = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? openRoom(session(32 + i)) : closeRoom(session(30).room))),
    );
    expect(outcomes).toEqual(Array(20).fill("skipped"));
    expect(requests()).toBe(1);
    const down = await probe({ companyId: COMPANY });
    expect(down).toMatchObject({
      reachable: false,
      url: livekit.server.url,
      error: "ECONNREFUSED",
      latency_ms: expect.any(Number),
    });
    expectNoSecrets(JSON.stringify(down));

    await livekit.server.start();
    expect(await openRoom(session(40))).toBe("skipped"); // answering again, but the cooldown is not over: no request
    expect(requests()).toBe(2);
    expect(await livekit.rooms([session(40).room])).toEqual([]);

    await sleep(Math.max(0, failedAt + cooldownMs + 50 - Date.now()));
    const recovered = await Promise.all([41, 42, 43, 44, 45].map((n) => openRoom(session(n))));
    expect(recovered).toEqual(Array(5).fill("done")); // one trial went out, and the others followed it
    expect((await livekit.rooms()).map((r) => r.name).sort()).toEqual([41, 42, 43, 44, 45].map((n) => session(n).room));
    expect(logs.livekit().map((l) => [l.level, l.message, l.error])).toEqual([
      ["warn", "livekit.unreachable", "ECONNREFUSED"],
      ["info", "livekit.reachable", undefined],
    ]);
  });

  it("a burst at a stopped server that never answered before makes one request, and the rest are skipped", async () => {
    const logs = captureLogs();
    await livekit.server.stop();
    const requests = countRequests(livekit.server);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? openRoom(session(50 + i)) : closeRoom(session(50).room))),
    );
    expect(outcomes.filter((o) => o === "failed")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "skipped")).toHaveLength(19);
    expect(requests()).toBe(1);
    expect(logs.livekit()).toEqual([
      expect.objectContaining({ level: "warn", message: "livekit.unreachable", error: "ECONNREFUSED" }),
    ]);
  });
});
