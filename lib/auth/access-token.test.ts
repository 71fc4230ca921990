import { randomUUID } from "node:crypto";
import { base64url, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as meRoute } from "@/app/api/v1/users/me/route";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/test/use-test-db";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { ACCESS_TOKEN_TTL_S, signAccessToken, verifyAccessToken } from "./access-token";

// The forgery table: every way of presenting a token we did not issue, or no longer honour, is a 401.

useTestDb();
let valid: { access_token: string; refresh_token: string };
const ip = fileClientIp();
const secret = () => new TextEncoder().encode(env().JWT_SECRET);

beforeAll(async () => {
  valid = await apiLogin("admin@nextgenai.com", ip);
});

const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());

async function resign(overrides: Record<string, unknown>, alg = "HS256", key = secret()) {
  const claims = { ...payloadOf(valid.access_token), ...overrides };
  return new SignJWT(claims).setProtectedHeader({ alg, typ: "JWT" }).sign(key);
}

const forgeries: [string, () => Promise<string>][] = [
  [
    "alg none",
    async () => {
      const header = base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" }));
      return `${header}.${valid.access_token.split(".")[1]}.`;
    },
  ],
  [
    "HS512 with the right secret",
    () => resign({}, "HS512", new TextEncoder().encode(env().JWT_SECRET.padEnd(64, "x"))),
  ],
  [
    "tampered payload (role raised, signature kept)",
    async () => {
      const [h, , s] = valid.access_token.split(".");
      const body = base64url.encode(
        JSON.stringify({ ...payloadOf(valid.access_token), role: "ADMIN", company_id: randomUUID() }),
      );
      return `${h}.${body}.${s}`;
    },
  ],
  [
    "signed with another secret",
    () => resign({}, "HS256", new TextEncoder().encode("another-secret-of-sufficient-length-000")),
  ],
  [
    "expired beyond the 30 s skew",
    () => resign({ iat: Math.floor(Date.now() / 1000) - 1000, exp: Math.floor(Date.now() / 1000) - 31 }),
  ],
  ["wrong audience", () => resign({ aud: "someone-else" })],
  ["wrong issuer", () => resign({ iss: "someone-else" })],
  ["refresh token presented as access token", async () => valid.refresh_token],
  ["not a token at all", async () => "not-a-jwt"],
  ["missing the session claim", () => resign({ sid: undefined })],
];

describe("access token forgery table", () => {
  it.each(forgeries)("%s → 401", async (_name, forge) => {
    const res = await call(meRoute, "/api/v1/users/me", { token: await forge(), ip });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ detail: expect.any(String), code: "not_authenticated" });
  });

  it("the genuine token is accepted (the table is not vacuous)", async () => {
    expect((await call(meRoute, "/api/v1/users/me", { token: valid.access_token, ip })).status).toBe(200);
  });
});

describe("verifyAccessToken", () => {
  const subject = { userId: randomUUID(), companyId: randomUUID(), role: "HR" as const, sessionId: randomUUID() };

  it("test_create_tokens: claims sub, company_id, role, iat, exp (15 min), jti, iss, aud", async () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const claims = await verifyAccessToken(await signAccessToken(subject, now), now);
    expect(claims).toMatchObject({
      sub: subject.userId,
      company_id: subject.companyId,
      role: "HR",
      sid: subject.sessionId,
    });
    expect(claims.exp - claims.iat).toBe(ACCESS_TOKEN_TTL_S);
  });

  it("test_jwt_token_expiration: accepts up to 30 s past exp, rejects beyond", async () => {
    const issued = new Date("2026-01-01T00:00:00Z");
    const token = await signAccessToken(subject, issued);
    const at = (s: number) => new Date(issued.getTime() + s * 1000);
    await expect(verifyAccessToken(token, at(ACCESS_TOKEN_TTL_S + 29))).resolves.toBeTruthy();
    await expect(verifyAccessToken(token, at(ACCESS_TOKEN_TTL_S + 31))).rejects.toBeInstanceOf(AppError);
  });

  it("rejects a token issued in the future beyond the skew (a server clock far ahead)", async () => {
    const issued = new Date("2026-01-01T00:10:00Z");
    const token = await signAccessToken(subject, issued);
    await expect(verifyAccessToken(token, new Date("2026-01-01T00:09:45Z"))).resolves.toBeTruthy();
    await expect(verifyAccessToken(token, new Date("2026-01-01T00:09:00Z"))).rejects.toMatchObject({ status: 401 });
  });
});
