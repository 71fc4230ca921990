import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { InterviewActor } from "@/lib/interviews/access";
import type { SignInContext } from "@/lib/auth/sign-in-sessions";
import { mintStaffToken } from "@/lib/livekit/staff-token";
import { reviewableSession } from "@/lib/review/access";

// Silent live observation: the observer joins the session's LiveKit room as a hidden, subscribe-only participant, so
// the candidate's experience is unchanged and the observer never appears in the participant list. Starting and
// stopping are audited; the token itself is minted (and audited) by the staff token service.

export const ObservationBody = z.object({ event: z.enum(["started", "stopped"]) });

export async function recordObservation(input: {
  viewer: SignInContext;
  sessionId: string;
  event: "started" | "stopped";
  meta: RequestMeta;
}) {
  const db = await getDb();
  const session = await reviewableSession(db, { viewer: input.viewer as InterviewActor, sessionId: input.sessionId });
  if (input.event === "started" && session.status !== "in_progress")
    throw new AppError("CONFLICT", "This interview is not in progress, so there is nothing to watch");
  await writeAudit(db, {
    action: input.event === "started" ? "OBSERVATION_STARTED" : "OBSERVATION_STOPPED",
    companyId: session.companyId,
    userId: input.viewer.userId,
    resourceType: "interview_session",
    resourceId: session.id,
    meta: input.meta,
  });
  if (input.event === "stopped") return { event: "stopped" as const };
  const livekit = await mintStaffToken({
    actor: { userId: input.viewer.userId, companyId: input.viewer.companyId, role: input.viewer.role },
    body: {
      room_name: session.livekitRoom,
      participant_name: [input.viewer.firstName, input.viewer.lastName].filter(Boolean).join(" ") || input.viewer.email,
      participant_identity: "observer",
      permissions: {
        hidden: true,
        can_subscribe: true,
        can_publish: false,
        can_publish_data: false,
        can_update_metadata: false,
      },
    },
    meta: input.meta,
  });
  return { event: "started" as const, livekit };
}
