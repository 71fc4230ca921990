import "server-only";
import { randomUUID } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { ROLES, type Role } from "@/db/schema";
import { env } from "@/lib/env";
import { unauthorized } from "@/lib/errors";

export const ACCESS_TOKEN_TTL_S = 900; // 15 minutes
export const JWT_CLOCK_SKEW_S = 30; // accepted on exp/nbf/iat when verifying
const ALGORITHM = "HS256";
const TOKEN_USE = "access"; // distinguishes these JWTs from any other JWT signed with the same key

const claimsSchema = z.object({
  sub: z.uuid(),
  company_id: z.uuid(),
  role: z.enum(ROLES),
  sid: z.uuid(),
  jti: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
  token_use: z.literal(TOKEN_USE),
});

export type AccessClaims = z.infer<typeof claimsSchema>;

export interface AccessTokenSubject {
  userId: string;
  companyId: string;
  role: Role;
  sessionId: string;
}

const key = () => new TextEncoder().encode(env().JWT_SECRET);

export async function signAccessToken(subject: AccessTokenSubject, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    company_id: subject.companyId,
    role: subject.role,
    sid: subject.sessionId,
    token_use: TOKEN_USE,
  })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(subject.userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL_S)
    .setJti(randomUUID())
    .setIssuer(env().JWT_ISSUER)
    .setAudience(env().JWT_AUDIENCE)
    .sign(key());
}

/** Verifies signature (HS256 only), issuer, audience and lifetime; any failure is a 401, never a 500. */
export async function verifyAccessToken(token: string, now = new Date()): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, key(), {
      algorithms: [ALGORITHM],
      issuer: env().JWT_ISSUER,
      audience: env().JWT_AUDIENCE,
      clockTolerance: JWT_CLOCK_SKEW_S,
      currentDate: now,
      requiredClaims: ["exp", "iat", "sub", "jti"],
    });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw unauthorized("Invalid token");
    if (claims.data.iat > Math.floor(now.getTime() / 1000) + JWT_CLOCK_SKEW_S) throw unauthorized("Invalid token");
    return claims.data;
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) throw unauthorized("Invalid token");
    throw error;
  }
}
