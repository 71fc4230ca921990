import "server-only";
import { and, eq } from "drizzle-orm";
import { errors, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { interviewSessions } from "@/db/schema";
import { JWT_CLOCK_SKEW_S } from "@/lib/auth/access-token";
import { assertCan } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import type { StaffActor } from "./staff-token";
import { recordValidation } from "./token-stats";

// POST /api/token/validate: does a LiveKit token verify with our API key, and is it for one of the caller's company's
// rooms? The same checks as livekit-server-sdk's TokenVerifier (HS256, issuer = API key, exp required) with our 30 s
// skew, through jose directly so that `now` can be passed in. A token for another company's room is reported
// invalid without its claims, exactly like one for a room that does not exist.

export const ValidateTokenBody = z.strictObject({
  token: z.string().max(16_384), // LiveKit tokens are a few hundred bytes; anything else is simply invalid
});

const RoomClaims = z.object({ video: z.object({ room: z.string().min(1) }) });

export interface TokenValidation {
  valid: boolean;
  reason?: string;
  claims?: Pick<JWTPayload, "iss" | "sub" | "nbf" | "exp"> & { name?: unknown; video?: unknown };
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "Token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") return "Token is not valid yet";
    if (error.claim === "iss") return "Token was issued for another API key";
    return `Token is missing or has an invalid '${error.claim}' claim`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "Token signature is invalid";
  // Verification does no I/O, so whatever else it throws was caused by the token's bytes.
  return "Token is malformed";
}

async function verifySignature(token: string, now: Date): Promise<JWTPayload> {
  const { LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = env();
  const { payload } = await jwtVerify(token, new TextEncoder().encode(LIVEKIT_API_SECRET), {
    algorithms: ["HS256"],
    issuer: LIVEKIT_API_KEY,
    clockTolerance: JWT_CLOCK_SKEW_S,
    currentDate: now,
    requiredClaims: ["exp"],
  });
  return payload;
}

async function isCompanyRoom(companyId: string, room: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: interviewSessions.id })
    .from(interviewSessions)
    .where(and(eq(interviewSessions.livekitRoom, room), eq(interviewSessions.companyId, companyId)))
    .limit(1);
  return Boolean(row);
}

async function validate(actor: StaffActor, token: string, now: Date): Promise<TokenValidation> {
  assertCan(actor.role, "livekit.inspect");
  let payload: JWTPayload;
  try {
    payload = await verifySignature(token, now);
  } catch (error) {
    return { valid: false, reason: reasonFor(error) };
  }
  const claims = RoomClaims.safeParse(payload);
  if (!claims.success) return { valid: false, reason: "Token grants no room" };
  if (!(await isCompanyRoom(actor.companyId, claims.data.video.room)))
    return { valid: false, reason: "Token is not for a room of your company" };
  return {
    valid: true,
    claims: {
      iss: payload.iss,
      sub: payload.sub,
      name: payload.name,
      nbf: payload.nbf,
      exp: payload.exp,
      video: payload.video,
    },
  };
}

/**
 * Never throws for a bad token (that is `valid: false` with a reason); counted for /api/stats either way, at the
 * real time. `now` is the clock the token's lifetime is judged by.
 */
export async function validateStaffToken({
  actor,
  token,
  now = new Date(),
}: {
  actor: StaffActor;
  token: string;
  now?: Date;
}): Promise<TokenValidation> {
  let verdict: TokenValidation;
  try {
    verdict = await validate(actor, token, now);
  } catch (error) {
    await recordValidation({ companyId: actor.companyId, now: new Date(), valid: false });
    throw error;
  }
  await recordValidation({ companyId: actor.companyId, now: new Date(), valid: verdict.valid });
  return verdict;
}
