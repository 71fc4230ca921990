import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { mintStaffToken } from "@/lib/livekit/staff-token";
import { validateStaffToken } from "@/lib/livekit/validate-token";
import { startedSession } from "@/test/kits/recordings";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { POST } from "./route";

const fixture = useTestDb();
const ip = fileClientIp();
const HR = "hr@nextgenai.com";
const EMPLOYEE = "employee@nextgenai.com";
const GLOBEX = "admin@globex.com";
const tokens: Record<string, string> = {};
const meta = { ip: null, userAgent: null };
const hr = () => actorFrom(fixture.people[HR]!, "HR");
const globex = () => actorFrom(fixture.people[GLOBEX]!, "ADMIN");
let room: string;
let globexRoom: string;

beforeAll(async () => {
  for (const who of [HR, EMPLOYEE, GLOBEX]) tokens[who] = (await apiLogin(who, ip)).access_token;
  room = `interview-${(await startedSession(hr())).sessionId}`;
  globexRoom = `interview-${(await startedSession(globex())).sessionId}`;
});

const validate = (who: string | undefined, body: unknown) =>
  call(POST, "/api/token/validate", { method: "POST", body, token: who ? tokens[who] : undefined, ip });

const staffToken = async (actor = hr(), roomName = room) =>
  (
    await mintStaffToken({
      actor,
      body: { room_name: roomName, participant_name: "Emma", participant_identity: "desk" },
      meta,
    })
  ).token;

/** A LiveKit-shaped token signed by hand, for lifetimes and claims the minter never produces. */
function handMade({
  exp,
  roomName = room,
  secret = env().LIVEKIT_API_SECRET,
  issuer = env().LIVEKIT_API_KEY,
}: {
  exp?: number;
  roomName?: string | null;
  secret?: string;
  issuer?: string;
}) {
  const jwt = new SignJWT({ name: "Hand", ...(roomName === null ? {} : { video: { room: roomName, roomJoin: true } }) })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(issuer)
    .setSubject("staff:someone:desk");
  if (exp !== undefined) jwt.setExpirationTime(exp);
  return jwt.sign(new TextEncoder().encode(secret));
}

const nowS = () => Math.floor(Date.now() / 1000);

describe("POST /api/token/validate", () => {
  it("confirms a token it minted, with its claims", async () => {
    const token = await staffToken();
    const res = await validate(EMPLOYEE, { token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      valid: true,
      claims: {
        iss: env().LIVEKIT_API_KEY,
        sub: `staff:${fixture.people[HR]!.id}:desk`,
        name: "Emma",
        nbf: expect.any(Number),
        exp: expect.any(Number),
        video: expect.objectContaining({
          room,
          roomJoin: true,
          canPublish: false,
          canSubscribe: true,
          roomAdmin: false,
        }),
      },
    });
    expect(res.json.claims.exp - res.json.claims.nbf).toBe(900);
  });

  it("reports a tampered token or one signed with another secret as an invalid signature", async () => {
    const token = await staffToken();
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    claims.video.canPublish = true;
    const tampered = [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
    for (const bad of [tampered, await handMade({ exp: nowS() + 60, secret: "another-secret" })]) {
      expect((await validate(HR, { token: bad })).json).toEqual({ valid: false, reason: "Token signature is invalid" });
    }
    expect((await validate(HR, { token: await handMade({ exp: nowS() + 60, issuer: "APIother" }) })).json).toEqual({
      valid: false,
      reason: "Token was issued for another API key",
    });
  });

  it("accepts up to 30 s past expiry (clock skew), not more; a token without exp never verifies", async () => {
    expect((await validate(HR, { token: await handMade({ exp: nowS() - 20 }) })).json.valid).toBe(true);
    expect((await validate(HR, { token: await handMade({ exp: nowS() - 45 }) })).json).toEqual({
      valid: false,
      reason: "Token has expired",
    });
    expect((await validate(HR, { token: await handMade({}) })).json).toMatchObject({
      valid: false,
      reason: expect.stringContaining("'exp'"),
    });

    const token = await staffToken();
    const exp = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).exp as number;
    const at = (seconds: number) => validateStaffToken({ actor: hr(), token, now: new Date(seconds * 1000) });
    expect((await at(exp + 29)).valid).toBe(true);
    expect(await at(exp + 31)).toEqual({ valid: false, reason: "Token has expired" });
    expect(await at(nowS() - 60)).toEqual({ valid: false, reason: "Token is not valid yet" });
  });

  it("reports another company's room, or a room that does not exist, as invalid without its claims", async () => {
    const theirs = await staffToken(globex(), globexRoom);
    expect((await validate(GLOBEX, { token: theirs })).json.valid).toBe(true);
    for (const token of [theirs, await handMade({ exp: nowS() + 60, roomName: "interview-nowhere" })]) {
      expect((await validate(HR, { token })).json).toEqual({
        valid: false,
        reason: "Token is not for a room of your company",
      });
    }
    expect((await validate(HR, { token: await handMade({ exp: nowS() + 60, roomName: null }) })).json).toEqual({
      valid: false,
      reason: "Token grants no room",
    });
  });

  it("answers garbage with valid:false, never a 500", async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ iss: env().LIVEKIT_API_KEY, exp: nowS() + 60, video: { room } })).toString("base64url")}.`;
    const garbage = [
      "",
      "abc",
      "a.b.c",
      "..",
      "....",
      "eyJ.eyJ.eyJ",
      "ünï.cø.dé",
      "x".repeat(16_384),
      none,
      `${(await staffToken()).slice(0, -3)}`,
      "Bearer x",
    ];
    for (const token of garbage) {
      const res = await validate(HR, { token });
      expect([res.status, res.json.valid], token.slice(0, 40)).toEqual([200, false]);
      expect(res.json.reason).toEqual(expect.any(String));
      expect(res.json.claims).toBeUndefined();
    }
  });

  it("validates the body (422) and needs a signed-in staff member (401)", async () => {
    for (const body of [
      undefined,
      {},
      { token: 42 },
      { token: null },
      { token: "a", extra: 1 },
      { token: "x".repeat(16_385) },
    ]) {
      expect((await validate(HR, body)).status, JSON.stringify(body)?.slice(0, 40)).toBe(422);
    }
    expect((await validate(undefined, { token: await staffToken() })).status).toBe(401);
  });
});
