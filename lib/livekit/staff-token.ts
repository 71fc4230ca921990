import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { interviews, interviewSessions, type Role } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { assertCan } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { canReviewInterview } from "@/lib/review/access";
import { signJoinToken } from "./join-token";
import { DEFAULT_STAFF_PERMISSIONS, decideStaffGrant, staffIdentity, staffTokenTtlSeconds } from "./staff-grant";
import { recordMint } from "./token-stats";

// LiveKit tokens for staff (the dashboard's users) in their own company's interview rooms: /api/token/room and
// /api/token/join, and the dashboard's live observation, which calls mintStaffToken directly. The old token server
// minted anything for anyone; here the room must be the caller's company's, and the caller's role bounds the grant.

export interface StaffTokenRequest {
  room_name: string;
  participant_name: string;
  participant_identity: string;
  permissions?: {
    can_publish?: boolean;
    can_subscribe?: boolean;
    can_publish_data?: boolean;
    can_update_metadata?: boolean;
    hidden?: boolean;
  };
}

export const StaffTokenBody = z.strictObject({
  room_name: z.string().min(1).max(100), // interview_sessions.livekit_room is varchar(100)
  participant_name: z.string().trim().min(1).max(512), // a user's full name (two 255-character columns) fits
  participant_identity: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "1-64 letters, digits, '_', '.' or '-'"),
  permissions: z
    .strictObject({
      can_publish: z.boolean().optional(),
      can_subscribe: z.boolean().optional(),
      can_publish_data: z.boolean().optional(),
      can_update_metadata: z.boolean().optional(),
      hidden: z.boolean().optional(),
    })
    .optional(),
}) satisfies z.ZodType<StaffTokenRequest>;

export interface StaffActor {
  userId: string;
  companyId: string;
  role: Role;
}

export interface StaffToken {
  token: string;
  server_url: string;
  room_name: string;
  identity: string;
  expires_at: string;
  session_id: string;
}

/** The company's session whose room this is, with its interview's owner; another company's room is a 404. */
async function roomSession(companyId: string, room: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: interviewSessions.id, status: interviewSessions.status, interviewOwner: interviews.createdBy })
    .from(interviewSessions)
    .innerJoin(interviews, eq(interviews.id, interviewSessions.interviewId))
    .where(and(eq(interviewSessions.livekitRoom, room), eq(interviewSessions.companyId, companyId)))
    .limit(1);
  if (!row) throw notFound("Room");
  return row;
}

async function mint({
  actor,
  body,
  meta,
}: {
  actor: StaffActor;
  body: StaffTokenRequest;
  meta: RequestMeta;
}): Promise<StaffToken> {
  assertCan(actor.role, "livekit.tokens");
  const request = parseOrThrow(StaffTokenBody, body, "body");
  const session = await roomSession(actor.companyId, request.room_name);
  // The consent promises that only the hiring team that runs this interview sees the candidate: the same right as
  // watching the recordings, and only while the attempt is live (a finished session's room has nobody to watch).
  if (!canReviewInterview(actor, { createdBy: session.interviewOwner })) {
    throw new AppError("FORBIDDEN", "You can only join the rooms of interviews you manage", {
      reason: "not_interview_manager",
    });
  }
  if (session.status !== "in_progress") {
    throw new AppError("CONFLICT", "This interview session is not in progress, so its room cannot be joined", {
      reason: "session_not_in_progress",
    });
  }
  const requested = { ...DEFAULT_STAFF_PERMISSIONS, ...request.permissions };
  const decision = decideStaffGrant({
    role: actor.role,
    room: request.room_name,
    mayObserveHidden: true /* checked above */,
    requested,
  });
  if (!decision.ok) throw new AppError("FORBIDDEN", decision.detail);

  const { LIVEKIT_API_KEY, LIVEKIT_API_SECRET, LIVEKIT_URL, JWT_EXPIRY_HOURS } = env();
  const ttlSeconds = staffTokenTtlSeconds(JWT_EXPIRY_HOURS);
  const identity = staffIdentity(actor.userId, request.participant_identity);
  // One clock reading for nbf and exp (AccessToken reads the clock once for each, so a token could live 899 s).
  const nowS = Math.floor(Date.now() / 1000);
  const token = signJoinToken({
    apiKey: LIVEKIT_API_KEY,
    apiSecret: LIVEKIT_API_SECRET,
    identity,
    name: request.participant_name,
    ttlSeconds,
    grant: decision.grant,
    now: new Date(nowS * 1000),
  });
  const expiresAt = new Date((nowS + ttlSeconds) * 1000).toISOString();

  await writeAudit(await getDb(), {
    action: "LIVEKIT_TOKEN_MINTED",
    companyId: actor.companyId,
    userId: actor.userId,
    resourceType: "interview_session",
    resourceId: session.id,
    details: {
      room: request.room_name,
      identity,
      grants: {
        can_publish: false,
        can_subscribe: requested.can_subscribe,
        can_publish_data: requested.can_publish_data,
        can_update_metadata: requested.can_update_metadata,
      },
      hidden: requested.hidden,
      ttl_seconds: ttlSeconds,
    },
    meta,
  });
  return {
    token,
    server_url: LIVEKIT_URL,
    room_name: request.room_name,
    identity,
    expires_at: expiresAt,
    session_id: session.id,
  };
}

/**
 * Mints a LiveKit token for a staff member in one of their company's interview rooms, after checking what their role
 * may do there (lib/livekit/staff-grant.ts), and audits it. Throws 422 for a malformed request, 404 for a room that
 * is not the company's, 403 naming every refused permission. Every outcome is counted for /api/stats.
 */
export async function mintStaffToken(input: {
  actor: StaffActor;
  body: StaffTokenRequest;
  meta: RequestMeta;
}): Promise<StaffToken> {
  const started = performance.now();
  let minted: StaffToken;
  try {
    minted = await mint(input);
  } catch (error) {
    await recordMint({ companyId: input.actor.companyId, now: new Date(), ok: false });
    throw error;
  }
  await recordMint({
    companyId: input.actor.companyId,
    now: new Date(),
    ok: true,
    micros: (performance.now() - started) * 1000,
  });
  return minted;
}
