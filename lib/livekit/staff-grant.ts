import type { VideoGrant } from "livekit-server-sdk";
import type { Role } from "@/db/schema";
import { can } from "@/lib/auth/permissions";

// What a staff member (dashboard user) may do in an interview room. Pure rules: the caller looks up the room and
// whether the staff member may watch it hidden, and passes plain data.

export const MAX_STAFF_TOKEN_TTL_S = 60 * 60; // 1 hour: a LiveKit token cannot be revoked, whatever JWT_EXPIRY_HOURS says

/** JWT_EXPIRY_HOURS in whole seconds, at least 1 and at most MAX_STAFF_TOKEN_TTL_S. */
export function staffTokenTtlSeconds(expiryHours: number): number {
  return Math.max(1, Math.min(MAX_STAFF_TOKEN_TTL_S, Math.round(expiryHours * 3600)));
}

/**
 * `staff:<user id>:<chosen suffix>`. The kind prefix keeps it apart from `candidate-<session id>`, and the user id
 * binds it to the caller, so nobody can join as another user (the suffix allows neither ':' nor spaces).
 */
export const staffIdentity = (userId: string, suffix: string) => `staff:${userId}:${suffix}`;

export interface StaffPermissions {
  can_publish: boolean;
  can_subscribe: boolean;
  can_publish_data: boolean;
  can_update_metadata: boolean;
  hidden: boolean;
}

/** When a request names no permissions: watch and listen, nothing else. */
export const DEFAULT_STAFF_PERMISSIONS: StaffPermissions = {
  can_publish: false,
  can_subscribe: true,
  can_publish_data: false,
  can_update_metadata: false,
  hidden: false,
};

export type StaffGrantDecision =
  { ok: true; grant: VideoGrant } | { ok: false; refused: (keyof StaffPermissions)[]; detail: string };

/**
 * Grants exactly what was asked when the role allows all of it; otherwise refuses, naming every permission that was
 * refused (in this order: data, metadata, media, hidden). Asking for less is always fine.
 */
export function decideStaffGrant(input: {
  role: Role;
  room: string;
  /** HR, ADMIN, or a TEAM_LEAD who owns the session's interview (lib/review/access.ts canReviewInterview). */
  mayObserveHidden: boolean;
  requested: StaffPermissions;
}): StaffGrantDecision {
  const { role, requested } = input;
  const refused: (keyof StaffPermissions)[] = [];
  // A hidden observer only watches: anything it sent would reveal it, so data and metadata are refused too.
  let refusedBecauseHidden = false;
  const check = (name: keyof StaffPermissions, roleAllows: boolean, hiddenAllows = true) => {
    if (!requested[name]) return;
    if (!roleAllows) refused.push(name);
    else if (requested.hidden && !hiddenAllows) {
      refused.push(name);
      refusedBecauseHidden = true;
    }
  };
  check("can_publish_data", can(role, "livekit.publish_data"), false);
  check("can_update_metadata", can(role, "livekit.update_metadata"), false);
  check("can_publish", false); // camera and microphone are the candidate's alone
  check("hidden", input.mayObserveHidden);
  if (refused.length > 0) {
    const note = refusedBecauseHidden ? " (a hidden participant may only subscribe)" : "";
    return { ok: false, refused, detail: `Your role may not: ${refused.join(", ")}${note}` };
  }
  return {
    ok: true,
    // Every flag is explicit: LiveKit treats a missing canPublish/canPublishData as allowed.
    grant: {
      room: input.room,
      roomJoin: true,
      canPublish: false,
      canSubscribe: requested.can_subscribe,
      canPublishData: requested.can_publish_data,
      canUpdateOwnMetadata: requested.can_update_metadata,
      hidden: requested.hidden,
      roomAdmin: false,
      roomCreate: false,
      roomList: false,
      roomRecord: false,
      ingressAdmin: false,
      recorder: false,
      agent: false,
      canSubscribeMetrics: false,
      canManageAgentSession: false,
    },
  };
}
