import { createHash, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { AccessToken, TrackSource, WebhookEvent, type WebhookEventNames } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { interviewSessions, livekitWebhookEvents } from "@/db/schema";
import { env } from "@/lib/env";
import { describeRelayEvent, relayActivityOf } from "@/lib/livekit/relay-activity";
import { startedSession } from "@/test/kits/recordings";
import { call } from "@/test/http";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { POST } from "./route";

const fixture = useTestDb();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");

/** Signs a body the way LiveKit does: a JWT from the API key whose `sha256` claim is the base64 SHA-256 of the bytes. */
async function sign(body: string, { key = env().LIVEKIT_API_KEY, secret = env().LIVEKIT_API_SECRET } = {}) {
  const token = new AccessToken(key, secret, { ttl: "5m" });
  token.sha256 = createHash("sha256").update(body).digest("base64");
  return token.toJwt();
}

function eventBody(
  event: WebhookEventNames,
  room: string,
  extra: { identity?: string; id?: string; source?: TrackSource } = {},
) {
  const message = new WebhookEvent({
    id: extra.id ?? `EV_${randomUUID()}`,
    room: { name: room },
    participant: extra.identity ? { identity: extra.identity } : undefined,
    track: extra.source === undefined ? undefined : { source: extra.source },
    createdAt: BigInt(Math.floor(Date.now() / 1000)),
  });
  message.event = event; // the SDK's subclass resets `event` after the constructor copies its argument
  return message.toJsonString();
}

const deliver = (body: string, authorization?: string) =>
  call(POST, "/api/livekit/webhook", {
    method: "POST",
    rawBody: body,
    headers: { "content-type": "application/webhook+json", ...(authorization === undefined ? {} : { authorization }) },
  });

const deliverSigned = async (body: string) => deliver(body, await sign(body));

async function sessionRow(id: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      room: interviewSessions.livekitRoom,
      inRoom: interviewSessions.candidateInRoom,
      lastActivityAt: interviewSessions.lastActivityAt,
    })
    .from(interviewSessions)
    .where(eq(interviewSessions.id, id));
  return row!;
}

/** Moves the session's last activity an hour back, so that a bump (database clock) is unmistakable. */
async function ageActivity(id: string) {
  const db = await getDb();
  await db
    .update(interviewSessions)
    .set({ lastActivityAt: sql`now() - interval '1 hour'` })
    .where(eq(interviewSessions.id, id));
  return (await sessionRow(id)).lastActivityAt;
}

async function session() {
  const s = await startedSession(hr());
  const { room } = await sessionRow(s.sessionId);
  return { ...s, room, candidate: `candidate-${s.sessionId}` };
}

describe("POST /api/livekit/webhook", () => {
  it("participant_joined marks the candidate present and bumps activity; participant_left clears it", async () => {
    const s = await session();
    expect((await sessionRow(s.sessionId)).inRoom).toBeNull();
    const aged = await ageActivity(s.sessionId);

    const joined = await deliverSigned(eventBody("participant_joined", s.room, { identity: s.candidate }));
    expect(joined.status).toBe(200);
    expect(joined.json).toEqual({ status: "applied" });
    const afterJoin = await sessionRow(s.sessionId);
    expect(afterJoin.inRoom).toBe(true);
    expect(afterJoin.lastActivityAt.getTime()).toBeGreaterThan(aged.getTime());

    const aged2 = await ageActivity(s.sessionId);
    const left = await deliverSigned(eventBody("participant_left", s.room, { identity: s.candidate }));
    expect(left.json).toEqual({ status: "applied" });
    const afterLeave = await sessionRow(s.sessionId);
    expect(afterLeave.inRoom).toBe(false);
    expect(afterLeave.lastActivityAt.getTime()).toBeGreaterThan(aged2.getTime());
  });

  it("a staff observer or another session's candidate does not change the candidate's presence", async () => {
    const s = await session();
    await deliverSigned(eventBody("participant_joined", s.room, { identity: s.candidate }));
    const aged = await ageActivity(s.sessionId);
    for (const identity of [`staff:${randomUUID()}`, `candidate-${randomUUID()}`]) {
      const res = await deliverSigned(eventBody("participant_left", s.room, { identity }));
      expect(res.json).toEqual({ status: "ignored" });
    }
    expect(await sessionRow(s.sessionId)).toMatchObject({ inRoom: true, lastActivityAt: aged });
  });

  it("track_published by the candidate bumps activity only; room_finished marks the candidate gone", async () => {
    const s = await session();
    await deliverSigned(eventBody("participant_joined", s.room, { identity: s.candidate }));
    const aged = await ageActivity(s.sessionId);
    expect((await deliverSigned(eventBody("track_published", s.room, { identity: s.candidate }))).json).toEqual({
      status: "applied",
    });
    const afterTrack = await sessionRow(s.sessionId);
    expect(afterTrack.inRoom).toBe(true);
    expect(afterTrack.lastActivityAt.getTime()).toBeGreaterThan(aged.getTime());

    const aged2 = await ageActivity(s.sessionId);
    expect((await deliverSigned(eventBody("room_finished", s.room))).json).toEqual({ status: "applied" });
    expect(await sessionRow(s.sessionId)).toMatchObject({ inRoom: false, lastActivityAt: aged2 });
  });

  it("a redelivered event id is a no-op", async () => {
    const s = await session();
    const body = eventBody("participant_joined", s.room, { identity: s.candidate });
    expect((await deliverSigned(body)).json).toEqual({ status: "applied" });

    const db = await getDb();
    await db.update(interviewSessions).set({ candidateInRoom: false }).where(eq(interviewSessions.id, s.sessionId));
    const aged = await ageActivity(s.sessionId);
    const again = await deliverSigned(body);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ status: "duplicate" });
    expect(await sessionRow(s.sessionId)).toMatchObject({ inRoom: false, lastActivityAt: aged });

    // Concurrent deliveries of one new event: exactly one applies.
    const racing = eventBody("participant_left", s.room, { identity: s.candidate });
    const auth = await sign(racing);
    const outcomes = await Promise.all([deliver(racing, auth), deliver(racing, auth), deliver(racing, auth)]);
    expect(outcomes.map((r) => r.json.status).sort()).toEqual(["applied", "duplicate", "duplicate"]);
  });

  it("ignores unknown rooms, sessions no longer in progress and event types it does not handle", async () => {
    const s = await session();
    const db = await getDb();
    await db
      .update(interviewSessions)
      .set({ status: "completed", endedAt: sql`now()` })
      .where(eq(interviewSessions.id, s.sessionId));
    const aged = await ageActivity(s.sessionId);

    expect((await deliverSigned(eventBody("participant_joined", s.room, { identity: s.candidate }))).json).toEqual({
      status: "ignored",
    });
    expect((await deliverSigned(eventBody("room_finished", s.room))).json).toEqual({ status: "ignored" });
    expect(await sessionRow(s.sessionId)).toMatchObject({ inRoom: null, lastActivityAt: aged });

    const unknown = await deliverSigned(
      eventBody("participant_joined", `interview-${randomUUID()}`, { identity: s.candidate }),
    );
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual({ status: "ignored" });

    const other = eventBody("egress_started", s.room, { id: "EV_not_recorded" });
    expect((await deliverSigned(other)).json).toEqual({ status: "ignored" });
    expect(await db.select().from(livekitWebhookEvents).where(eq(livekitWebhookEvents.id, "EV_not_recorded"))).toEqual(
      [],
    );
  });

  it("keeps every presence event with its session, also after completion, as the session's relay activity", async () => {
    const s = await session();
    const other = await session();
    const observer = `staff:${randomUUID()}:observer`;
    await deliverSigned(eventBody("participant_joined", s.room, { identity: s.candidate }));
    await deliverSigned(eventBody("track_published", s.room, { identity: s.candidate, source: TrackSource.CAMERA }));
    await deliverSigned(
      eventBody("track_published", s.room, { identity: s.candidate, source: TrackSource.MICROPHONE }),
    );
    await deliverSigned(eventBody("participant_joined", s.room, { identity: observer }));
    await deliverSigned(eventBody("participant_joined", other.room, { identity: other.candidate }));
    const db = await getDb();
    await db
      .update(interviewSessions)
      .set({ status: "completed", endedAt: sql`now()` })
      .where(eq(interviewSessions.id, s.sessionId));
    expect((await deliverSigned(eventBody("participant_left", s.room, { identity: s.candidate }))).json).toEqual({
      status: "ignored",
    });
    expect((await deliverSigned(eventBody("room_finished", s.room))).json).toEqual({ status: "ignored" });

    const activity = await relayActivityOf(db, s.sessionId);
    expect(activity.map(describeRelayEvent)).toEqual([
      "The candidate joined the video room",
      "The candidate started sending video",
      "The candidate started sending sound",
      "An observer joined the video room",
      "The candidate left the video room",
      "The video room closed",
    ]);
    expect(activity.map((a) => a.actor)).toEqual([
      "candidate",
      "candidate",
      "candidate",
      "observer",
      "candidate",
      "room",
    ]);
    for (const item of activity) expect(Number.isNaN(Date.parse(item.at))).toBe(false);
    expect((await relayActivityOf(db, other.sessionId)).map((a) => a.event)).toEqual(["participant_joined"]);
  });

  it("refuses a missing header, a wrong secret or key, and a body other than the one signed, with 401", async () => {
    const s = await session();
    const body = eventBody("participant_joined", s.room, { identity: s.candidate });
    const tampered = body.replace(s.candidate, `staff:${randomUUID()}`);
    const cases = [
      await deliver(body),
      await deliver(body, ""),
      await deliver(body, await sign(body, { secret: "not-the-secret" })),
      await deliver(body, await sign(body, { key: "otherkey" })),
      await deliver(tampered, await sign(body)),
      await deliver(body, await sign(tampered)),
    ];
    for (const res of cases) {
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ detail: expect.any(String), code: expect.any(String) });
    }
    expect((await sessionRow(s.sessionId)).inRoom).toBeNull();
  });

  it("answers 401, never 500, to garbage Authorization values", async () => {
    const body = eventBody("room_finished", "interview-x");
    const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
    const garbage = [
      "x",
      "Bearer x",
      `Bearer ${await sign(body)}`,
      "a.b.c",
      "...",
      ".".repeat(5000),
      "é".repeat(300),
      `${b64({ alg: "none" })}.${b64({ iss: env().LIVEKIT_API_KEY, sha256: "x" })}.`,
      `${b64({ alg: "HS256" })}.${b64("not json")}.${b64("sig")}`,
      `${b64("{")}.${b64("{")}.${b64("{")}`,
      `${b64({ alg: "HS256", crit: ["b64"] })}.${b64({})}.AAAA`,
      `${b64({ alg: "RS256" })}.${b64({ exp: 1 })}.AAAA`,
      randomUUID(),
      Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 37) % 256))
        .toString("latin1")
        .replace(/[\r\n\0]/g, "a"),
    ];
    for (const authorization of garbage) {
      const res = await deliver(body, authorization);
      expect(res.status, authorization.slice(0, 40)).toBe(401);
    }
  });

  it("a correctly signed body that is not an event answers 400; one without an id too", async () => {
    for (const body of [
      "{not json",
      "",
      "null",
      "[]",
      '{"id": 5}',
      '{"event": "room_finished", "room": {"name": "x"}}',
    ]) {
      const res = await deliverSigned(body);
      expect(res.status, body).toBe(400);
      expect(res.json).toEqual({ detail: expect.any(String), code: expect.any(String) });
    }
  });

  it("refuses a body over 64 KiB with 413", async () => {
    const s = await session();
    const big = eventBody("participant_joined", s.room, { identity: s.candidate }).replace(
      /}$/,
      `,"pad":"${"x".repeat(64 * 1024)}"}`,
    );
    const res = await deliverSigned(big);
    expect(res.status).toBe(413);
    expect((await sessionRow(s.sessionId)).inRoom).toBeNull();
  });
});
