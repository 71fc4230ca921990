import { and, count, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { candidateTokens, interviewSessions, recordings } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { AppError, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { closeRoom } from "@/lib/livekit/room-service";
import { hashInvite, isWellFormedInvite } from "@/lib/tokens/token-value";
import { hashResumeToken } from "./resume-token";

/**
 * Completes the invite's latest session. The session row is locked, so counting its ready recordings and marking it
 * completed happen atomically; a session with no ready recording cannot complete. Completing twice answers the same.
 * Once the completion is committed, the LiveKit room is closed in the background (never on a repeat).
 */
export async function completeSession(input: { invite: string; resumeToken?: string | null; meta: RequestMeta }) {
  if (!isWellFormedInvite(input.invite)) throw notFound("Session");
  const db = await getDb();
  const { answer, closeRoomOf } = await db.transaction(async (tx) => {
    const [token] = await tx
      .select({ id: candidateTokens.id })
      .from(candidateTokens)
      .where(eq(candidateTokens.tokenHash, hashInvite(input.invite)))
      .limit(1);
    if (!token) throw notFound("Session");
    const [session] = await tx
      .select()
      .from(interviewSessions)
      .where(and(eq(interviewSessions.tokenId, token.id), inArray(interviewSessions.status, ["in_progress", "completed"])))
      .orderBy(desc(interviewSessions.attemptNumber))
      .limit(1)
      .for("update");
    if (!session) throw notFound("Session");
    if (input.resumeToken && session.resumeTokenHash !== hashResumeToken(input.resumeToken)) throw notFound("Session");
    const [ready] = await tx
      .select({ n: count() })
      .from(recordings)
      .where(and(eq(recordings.sessionId, session.id), eq(recordings.status, "ready")));
    const recordingCount = ready?.n ?? 0;
    if (session.status === "completed") {
      const answer = { session_id: session.id, status: session.status, recording_count: recordingCount, ended_at: session.endedAt!.toISOString(), already_completed: true };
      return { answer, closeRoomOf: null };
    }
    if (recordingCount === 0) throw new AppError("BAD_REQUEST", "Cannot complete a session without recordings: no answer has been stored yet");
    const now = new Date();
    const [done] = await tx
      .update(interviewSessions)
      .set({ status: "completed", endedAt: now, lastActivityAt: now })
      .where(eq(interviewSessions.id, session.id))
      .returning();
    await writeAudit(tx, {
      action: "SESSION_COMPLETED",
      companyId: session.companyId,
      userId: null,
      resourceType: "interview_session",
      resourceId: session.id,
      details: { recording_count: recordingCount, attempt: session.attemptNumber },
      meta: input.meta,
      now,
    });
    const answer = { session_id: done!.id, status: done!.status, recording_count: recordingCount, ended_at: now.toISOString(), already_completed: false };
    return { answer, closeRoomOf: session.livekitRoom };
  });
  if (closeRoomOf) void closeRoom(closeRoomOf);
  return answer;
}
