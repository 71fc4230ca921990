import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { TokenVerifier } from "livekit-server-sdk";
import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, interviewSessions } from "@/db/schema";
import { login } from "@/lib/auth/login";
import { SESSION_LIFETIME_S } from "@/lib/auth/session-lifetime";
import { env, setEnvForTests } from "@/lib/env";
import { setKvForTests } from "@/lib/kv";
import { createUpstashKv } from "@/lib/kv/upstash";
import { mintStaffToken } from "@/lib/livekit/staff-token";
import { startedSession } from "@/test/kits/recordings";
import { apiLogin, DEMO_PASSWORD } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { POST as join } from "../join/route";
import { POST } from "./route";

const fixture = useTestDb();
const ip = fileClientIp();
const EMPLOYEE = "employee@nextgenai.com";
const LEAD = "lead@nextgenai.com";
const HR = "hr@nextgenai.com";
const ADMIN = "admin@nextgenai.com";
const GLOBEX = "admin@globex.com";
const tokens: Record<string, string> = {};

const person = (email: string) => fixture.people[email]!;
const hrActor = () => actorFrom(person(HR), "HR");
let hrRoom: string; // a session of an interview HR created
let leadRoom: string; // a session of an interview the team lead created
let globexRoom: string;

beforeAll(async () => {
  for (const who of [EMPLOYEE, LEAD, HR, ADMIN, GLOBEX]) tokens[who] = (await apiLogin(who, ip)).access_token;
  hrRoom = `interview-${(await startedSession(hrActor())).sessionId}`;
  leadRoom = `interview-${(await startedSession(actorFrom(person(LEAD), "TEAM_LEAD"))).sessionId}`;
  globexRoom = `interview-${(await startedSession(actorFrom(person(GLOBEX), "ADMIN"))).sessionId}`;
});

afterEach(() => {
  setEnvForTests(undefined);
  setKvForTests(undefined);
});

type Permissions = Partial<
  Record<"can_publish" | "can_subscribe" | "can_publish_data" | "can_update_metadata" | "hidden", boolean>
>;

const body = (room: string, permissions?: Permissions, extra: Record<string, unknown> = {}) => ({
  room_name: room,
  participant_name: "Emma Rodriguez",
  participant_identity: "desk-1",
  ...(permissions ? { permissions } : {}),
  ...extra,
});

const mint = (who: string | undefined, payload: unknown, handler = POST) =>
  call(handler, "/api/token/room", { method: "POST", body: payload, token: who ? tokens[who] : undefined, ip });

const verify = (token: string) => new TokenVerifier(env().LIVEKIT_API_KEY, env().LIVEKIT_API_SECRET).verify(token, 0);

/** The exact video grant a staff token must carry: nothing unset (LiveKit reads unset publish flags as allowed). */
const videoGrant = (
  room: string,
  granted: { canSubscribe?: boolean; canPublishData?: boolean; canUpdateOwnMetadata?: boolean; hidden?: boolean } = {},
) => ({
  room,
  roomJoin: true,
  canPublish: false,
  canSubscribe: true,
  canPublishData: false,
  canUpdateOwnMetadata: false,
  hidden: false,
  roomAdmin: false,
  roomCreate: false,
  roomList: false,
  roomRecord: false,
  ingressAdmin: false,
  recorder: false,
  agent: false,
  canSubscribeMetrics: false,
  canManageAgentSession: false,
  ...granted,
});

async function mintedClaims(who: string, payload: unknown, handler = POST) {
  const res = await mint(who, payload, handler);
  expect(res.status, res.text).toBe(200);
  return { res, claims: await verify(res.json.token) };
}

describe("POST /api/token/room", () => {
  it("mints a subscribe-only 15-minute token bound to the caller, with the documented response", async () => {
    const { res, claims } = await mintedClaims(HR, body(hrRoom));
    const identity = `staff:${person(HR).id}:desk-1`;
    expect(Object.keys(res.json).sort()).toEqual(["expires_at", "identity", "room_name", "server_url", "token"]);
    expect(res.json).toMatchObject({ server_url: env().LIVEKIT_URL, room_name: hrRoom, identity });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(claims).toMatchObject({ iss: env().LIVEKIT_API_KEY, sub: identity, name: "Emma Rodriguez" });
    expect(claims.video).toEqual(videoGrant(hrRoom));
    expect(claims.exp! - claims.nbf!).toBe(15 * 60);
    expect(res.json.expires_at).toBe(new Date(claims.exp! * 1000).toISOString());
    expect(Math.abs(claims.nbf! - Date.now() / 1000)).toBeLessThan(5);
  });

  it("grants each role what it may have, exactly", async () => {
    const cases: [string, string, Permissions, ReturnType<typeof videoGrant>][] = [
      [LEAD, leadRoom, { can_subscribe: true, can_publish_data: true }, videoGrant(leadRoom, { canPublishData: true })],
      [LEAD, leadRoom, { hidden: true }, videoGrant(leadRoom, { hidden: true })],
      [HR, hrRoom, { can_publish_data: true, can_publish: false }, videoGrant(hrRoom, { canPublishData: true })],
      [HR, leadRoom, { hidden: true, can_subscribe: true }, videoGrant(leadRoom, { hidden: true })],
      [
        ADMIN,
        hrRoom,
        { can_publish_data: true, can_update_metadata: true },
        videoGrant(hrRoom, { canPublishData: true, canUpdateOwnMetadata: true }),
      ],
      [ADMIN, leadRoom, { hidden: true }, videoGrant(leadRoom, { hidden: true })],
      [ADMIN, hrRoom, { can_subscribe: false }, videoGrant(hrRoom, { canSubscribe: false })],
    ];
    for (const [who, room, permissions, expected] of cases) {
      const { claims } = await mintedClaims(who, body(room, permissions));
      expect(claims.video, `${who} ${JSON.stringify(permissions)}`).toEqual(expected);
      expect(claims.sub).toBe(`staff:${person(who).id}:desk-1`);
      expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(60 * 60);
    }
  });

  it("refuses any request for more than the role allows with 403, naming exactly what was refused", async () => {
    const seedJoin = { can_publish: true, can_subscribe: true, can_publish_data: true, can_update_metadata: true };
    const cases: [string, string, Permissions, string][] = [
      [LEAD, leadRoom, { can_update_metadata: true }, "Your role may not: can_update_metadata"],
      [LEAD, leadRoom, seedJoin, "Your role may not: can_update_metadata, can_publish"],
      [HR, hrRoom, seedJoin, "Your role may not: can_update_metadata, can_publish"],
      [
        HR,
        hrRoom,
        { hidden: true, can_publish_data: true },
        "Your role may not: can_publish_data (a hidden participant may only subscribe)",
      ],
      [ADMIN, hrRoom, seedJoin, "Your role may not: can_publish"],
      [
        ADMIN,
        hrRoom,
        { hidden: true, can_update_metadata: true },
        "Your role may not: can_update_metadata (a hidden participant may only subscribe)",
      ],
    ];
    for (const [who, room, permissions, detail] of cases) {
      const res = await mint(who, body(room, permissions));
      expect([res.status, res.json.detail], `${who} ${JSON.stringify(permissions)}`).toEqual([403, detail]);
    }
  });

  it("only the hiring team that runs the interview may join: EMPLOYEE never, a TEAM_LEAD only their own interviews' rooms", async () => {
    for (const permissions of [undefined, { can_subscribe: true }, { hidden: true }]) {
      const employee = await mint(EMPLOYEE, body(hrRoom, permissions));
      expect([employee.status, employee.json.code]).toEqual([403, "forbidden"]);
      const lead = await mint(LEAD, body(hrRoom, permissions));
      expect([lead.status, lead.json.code, lead.json.detail]).toEqual([
        403,
        "not_interview_manager",
        "You can only join the rooms of interviews you manage",
      ]);
    }
    expect((await mint(LEAD, body(leadRoom))).status).toBe(200);
    expect((await mint(HR, body(leadRoom))).status).toBe(200);
  });

  it("mints only for a session in progress: a finished attempt's room is 409 and nothing is audited", async () => {
    const { sessionId } = await startedSession(hrActor());
    const room = `interview-${sessionId}`;
    expect((await mint(HR, body(room))).status).toBe(200);
    const db = await getDb();
    for (const status of ["completed", "abandoned", "revoked"] as const) {
      await db.update(interviewSessions).set({ status }).where(eq(interviewSessions.id, sessionId));
      for (const who of [HR, ADMIN]) {
        const res = await mint(who, body(room, { hidden: true }));
        expect([res.status, res.json.code], `${who} ${status}`).toEqual([409, "session_not_in_progress"]);
      }
    }
    const audited = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "LIVEKIT_TOKEN_MINTED"), eq(auditLogs.resourceId, sessionId)));
    expect(audited).toHaveLength(1);
  });

  it("answers 404 alike for another company's room and a room that does not exist", async () => {
    for (const room of [globexRoom, `interview-${randomUUID()}`, "interview_room_123"]) {
      const res = await mint(ADMIN, body(room));
      expect([res.status, res.json.detail]).toEqual([404, "Room not found"]);
    }
    expect((await mint(GLOBEX, body(globexRoom))).status).toBe(200);
  });

  it("needs a signed-in staff member: anonymous or a bad token is 401", async () => {
    expect((await mint(undefined, body(hrRoom))).status).toBe(401);
    const forged = await call(POST, "/api/token/room", {
      method: "POST",
      body: body(hrRoom),
      headers: { authorization: "Bearer not.a.jwt" },
      ip,
    });
    expect(forged.status).toBe(401);
  });

  it("keeps the identity under staff:<caller id>: whatever is asked, and refuses identities outside the pattern", async () => {
    const candidateLike = `candidate-${hrRoom.slice("interview-".length)}`;
    const { claims } = await mintedClaims(LEAD, body(leadRoom, undefined, { participant_identity: candidateLike }));
    expect(claims.sub).toBe(`staff:${person(LEAD).id}:${candidateLike}`);
    const adminId = `staff:${person(ADMIN).id}:desk-1`;
    for (const identity of [adminId, "a:b", "", "x".repeat(65), "with space", "slash/y", "ünï"]) {
      const res = await mint(LEAD, body(leadRoom, undefined, { participant_identity: identity }));
      expect(res.status, identity).toBe(422);
    }
    expect(
      (await mintedClaims(LEAD, body(leadRoom, undefined, { participant_identity: "x".repeat(64) }))).claims.sub,
    ).toBe(`staff:${person(LEAD).id}:${"x".repeat(64)}`);
  });

  it("validates the body strictly: unknown fields, wrong types, bad lengths and non-JSON are refused", async () => {
    const bad: unknown[] = [
      undefined,
      {},
      body(hrRoom, undefined, { identity: "override" }),
      body(hrRoom, { can_create_room: true } as Permissions),
      body(hrRoom, { can_subscribe: "yes" } as unknown as Permissions),
      body(hrRoom, undefined, { participant_name: "   " }),
      body(hrRoom, undefined, { participant_name: "n".repeat(513) }),
      body("r".repeat(101)),
      body(""),
      [body(hrRoom)],
    ];
    for (const payload of bad) expect((await mint(HR, payload)).status, JSON.stringify(payload)).toBe(422);
    const text = await call(POST, "/api/token/room", {
      method: "POST",
      rawBody: "{",
      headers: { "content-type": "application/json" },
      token: tokens[HR],
      ip,
    });
    expect(text.status).toBe(400);
    const form = await call(POST, "/api/token/room", {
      method: "POST",
      rawBody: JSON.stringify(body(hrRoom)),
      headers: { "content-type": "text/plain" },
      token: tokens[HR],
      ip,
    });
    expect(form.status).toBe(415);
  });

  it("takes the TTL from JWT_EXPIRY_HOURS, never more than one hour", async () => {
    const ttl = async () => {
      const { claims, res } = await mintedClaims(HR, body(hrRoom));
      expect(res.json.expires_at).toBe(new Date(claims.exp! * 1000).toISOString());
      return claims.exp! - claims.nbf!;
    };
    setEnvForTests({ JWT_EXPIRY_HOURS: 5 });
    expect(await ttl()).toBe(3600);
    setEnvForTests({ JWT_EXPIRY_HOURS: 0.5 });
    expect(await ttl()).toBe(1800);
    setEnvForTests(undefined);
    expect(await ttl()).toBe(900);
  });

  it("audits every mint with who, which room, which grants, hidden and TTL; a refusal mints and audits nothing", async () => {
    const session = (await startedSession(hrActor())).sessionId;
    const room = `interview-${session}`;
    await mintedClaims(HR, body(room, { hidden: true }));
    await mintedClaims(ADMIN, body(room, { can_publish_data: true }));
    expect((await mint(EMPLOYEE, body(room))).status).toBe(403);
    expect((await mint(LEAD, body(room))).status).toBe(403);
    const db = await getDb();
    const rows = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "LIVEKIT_TOKEN_MINTED"), eq(auditLogs.resourceId, session)))
      .orderBy(auditLogs.createdAt);
    expect(rows.map((r) => [r.userId, r.companyId, r.resourceType])).toEqual([
      [person(HR).id, person(HR).companyId, "interview_session"],
      [person(ADMIN).id, person(ADMIN).companyId, "interview_session"],
    ]);
    expect(rows[0]!.details).toEqual({
      room,
      identity: `staff:${person(HR).id}:desk-1`,
      grants: { can_publish: false, can_subscribe: true, can_publish_data: false, can_update_metadata: false },
      hidden: true,
      ttl_seconds: 900,
    });
    expect(rows[1]!.details).toMatchObject({ hidden: false, grants: { can_publish_data: true } });
    expect(JSON.stringify(rows)).not.toContain("eyJ"); // never the token itself
  });

  it("still mints when the cache is down: figures are best effort", async () => {
    const { claims } = await mintedClaims(HR, body(hrRoom));
    setKvForTests(createUpstashKv({ url: "http://127.0.0.1:9", token: "nothing-listens-here" }));
    const started = performance.now();
    const res = await mint(HR, body(hrRoom));
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect((await verify(res.json.token)).video).toEqual(claims.video);
  });

  it("accepts the dashboard's session cookie for a JSON POST", async () => {
    const { user, session } = await login({
      email: HR,
      password: DEMO_PASSWORD,
      kind: "web",
      meta: { ip, userAgent: "vitest" },
    });
    const name = "authjs.session-token";
    const cookie = `${name}=${await encode({ token: { sub: user.id, sid: session.id }, secret: env().AUTH_SECRET, salt: name, maxAge: SESSION_LIFETIME_S })}`;
    const res = await call(POST, "/api/token/room", { method: "POST", body: body(hrRoom), headers: { cookie }, ip });
    expect(res.status).toBe(200);
    expect((await verify(res.json.token)).sub).toBe(`staff:${user.id}:desk-1`);
    // A cross-site form can carry the cookie, but never as application/json.
    const form = await call(POST, "/api/token/room", {
      method: "POST",
      rawBody: "room_name=x",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      ip,
    });
    expect(form.status).toBe(415);
  });
});

describe("POST /api/token/join", () => {
  it("behaves like /api/token/room", async () => {
    const { claims } = await mintedClaims(LEAD, body(leadRoom, { hidden: true }), join);
    expect(claims.video).toEqual(videoGrant(leadRoom, { hidden: true }));
    expect((await mint(HR, body(hrRoom, { can_publish: true }), join)).json.detail).toBe(
      "Your role may not: can_publish",
    );
    expect((await mint(undefined, body(hrRoom), join)).status).toBe(401);
    expect((await mint(HR, body(globexRoom), join)).status).toBe(404);
  });
});

describe("mintStaffToken", () => {
  it("serves the dashboard's live observation directly, with the session id", async () => {
    const { sessionId } = await startedSession(hrActor());
    const minted = await mintStaffToken({
      actor: hrActor(),
      body: {
        room_name: `interview-${sessionId}`,
        participant_name: "Emma",
        participant_identity: "observer",
        permissions: {
          hidden: true,
          can_subscribe: true,
          can_publish: false,
          can_publish_data: false,
          can_update_metadata: false,
        },
      },
      meta: { ip: null, userAgent: null },
    });
    expect(minted.session_id).toBe(sessionId);
    expect((await verify(minted.token)).video).toEqual(videoGrant(`interview-${sessionId}`, { hidden: true }));
    await expect(
      mintStaffToken({
        actor: actorFrom(person(GLOBEX), "ADMIN"),
        body: { room_name: `interview-${sessionId}`, participant_name: "G", participant_identity: "g" },
        meta: { ip: null, userAgent: null },
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
