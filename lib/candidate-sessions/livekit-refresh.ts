import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { candidateTokens, interviewSessions } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { mintCandidateToken } from "@/lib/livekit/mint";
import { hashResumeToken } from "./resume-token";
import { sessionRevoked } from "./revoked";

/**
 * A fresh LiveKit join token for the candidate of an in-progress session, proven by the resume token. The room asks
 * 30 s before its token expires, so a reconnect after a network drop never presents an expired token. A session
 * withdrawn by revoking its invite answers 409 `session_revoked`; any other ended session is 404.
 */
export async function refreshCandidateLivekitToken(input: { sessionId: string; resumeToken: string }) {
  const db = await getDb();
  const [session] = await db
    .select({
      id: interviewSessions.id,
      status: interviewSessions.status,
      room: interviewSessions.livekitRoom,
      name: candidateTokens.candidateName,
      inviteRevokedAt: candidateTokens.revokedAt,
    })
    .from(interviewSessions)
    .innerJoin(candidateTokens, eq(candidateTokens.id, interviewSessions.tokenId))
    .where(and(eq(interviewSessions.id, input.sessionId), eq(interviewSessions.resumeTokenHash, hashResumeToken(input.resumeToken))))
    .limit(1);
  if (!session) throw notFound("Session");
  if (session.status === "revoked" || (session.status === "in_progress" && session.inviteRevokedAt)) throw sessionRevoked();
  if (session.status !== "in_progress") throw notFound("Session");
  return { livekit: await mintCandidateToken({ sessionId: session.id, room: session.room, name: session.name }) };
}
