import "server-only";
import { and, count, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { candidateTokens, interviewSessions, recordings } from "@/db/schema";
import { evaluateWhenTranscribed } from "@/lib/ai-pipeline/triggers";
import { writeAudit } from "@/lib/audit/write";
import { AppError, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { closeRoom } from "@/lib/livekit/room-service";
import { hashInvite, isWellFormedInvite } from "@/lib/invites/token-value";
import { hashResumeToken } from "./resume-token";
import { sessionRevoked } from "./revoked";

/**
 * Completes the invite's latest session, for the holder of its resume token only (the link alone is not enough: no
 * token is 401, a token of another session 404 like an unknown one). The session row is locked, so counting its ready
 * recordings and marking it completed happen atomically; a session with no ready recording cannot complete, and one
 * ended by revoking the invite cannot either (409 `session_revoked`). Completing twice answers the same. Once the
 * completion is committed, the LiveKit room is closed in the background (never on a repeat).
 */
export async function completeSession(input: { invite: string; resumeToken?: string | null; meta: RequestMeta }) {
  if (!input.resumeToken)
    throw new AppError("UNAUTHORIZED", "A resume token is required to complete the interview", {
      reason: "resume_token_required",
    });
  if (!isWellFormedInvite(input.invite)) throw notFound("Session");
  const resumeTokenHash = hashResumeToken(input.resumeToken);
  const db = await getDb();
  const { answer, closeRoomOf, evaluate } = await db.transaction(async (tx) => {
    const [token] = await tx
      .select({ id: candidateTokens.id, revokedAt: candidateTokens.revokedAt })
      .from(candidateTokens)
      .where(eq(candidateTokens.tokenHash, hashInvite(input.invite)))
      .limit(1);
    if (!token) throw notFound("Session");
    const [session] = await tx
      .select()
      .from(interviewSessions)
      .where(
        and(
          eq(interviewSessions.tokenId, token.id),
          inArray(interviewSessions.status, ["in_progress", "completed", "revoked"]),
        ),
      )
      .orderBy(desc(interviewSessions.attemptNumber))
      .limit(1)
      .for("update");
    if (!session) throw notFound("Session");
    if (session.resumeTokenHash !== resumeTokenHash) throw notFound("Session");
    // An invite revoked before revoking ended its sessions too leaves one in progress: it is just as withdrawn.
    if (session.status === "revoked" || (session.status === "in_progress" && token.revokedAt)) throw sessionRevoked();
    const [ready] = await tx
      .select({ n: count() })
      .from(recordings)
      .where(and(eq(recordings.sessionId, session.id), eq(recordings.status, "ready")));
    const recordingCount = ready?.n ?? 0;
    if (session.status === "completed") {
      const answer = {
        session_id: session.id,
        status: session.status,
        recording_count: recordingCount,
        ended_at: session.endedAt!.toISOString(),
        already_completed: true,
      };
      return { answer, closeRoomOf: null, evaluate: null };
    }
    if (recordingCount === 0)
      throw new AppError("BAD_REQUEST", "Cannot complete a session without recordings: no answer has been stored yet");
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
    const answer = {
      session_id: done!.id,
      status: done!.status,
      recording_count: recordingCount,
      ended_at: now.toISOString(),
      already_completed: false,
    };
    return {
      answer,
      closeRoomOf: session.livekitRoom,
      evaluate: { companyId: session.companyId, sessionId: session.id },
    };
  });
  if (closeRoomOf) void closeRoom(closeRoomOf);
  // Evaluated once every answer is transcribed (then, or when the last transcript arrives; the sweep backs both up).
  if (evaluate) void evaluateWhenTranscribed(evaluate);
  return answer;
}
