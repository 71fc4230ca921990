import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { candidateTokens, interviewSessions } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { mintCandidateToken } from "@/lib/livekit/mint";
import { hashResumeToken } from "./resume-token";

/**
 * A fresh LiveKit join token for the candidate of an in-progress session, proven by the resume token. The room asks
 * 30 s before its token expires, so a reconnect after a network drop never presents an expired token.
 */
export async function refreshCandidateLivekitToken(input: { sessionId: string; resumeToken: string }) {
  const db = await getDb();
  const [session] = await db
    .select({ id: interviewSessions.id, room: interviewSessions.livekitRoom, name: candidateTokens.candidateName })
    .from(interviewSessions)
    .innerJoin(candidateTokens, eq(candidateTokens.id, interviewSessions.tokenId))
    .where(
      and(
        eq(interviewSessions.id, input.sessionId),
        eq(interviewSessions.resumeTokenHash, hashResumeToken(input.resumeToken)),
        eq(interviewSessions.status, "in_progress"),
      ),
    )
    .limit(1);
  if (!session) throw notFound("Session");
  return { livekit: await mintCandidateToken({ sessionId: session.id, room: session.room, name: session.name }) };
}
