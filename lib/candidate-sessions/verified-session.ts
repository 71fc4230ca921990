import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { candidateTokens, interviewSessions } from "@/db/schema";
import { type AppError, notFound, unauthorized } from "@/lib/errors";
import { hashResumeToken } from "./resume-token";
import { sessionRevoked } from "./revoked";

// The candidate's session routes (chunks, finalize, retake, LiveKit token) are authenticated by the session's resume
// token, sent as `Authorization: Bearer <resume_token>` or `x-resume-token: <resume_token>`. No token at all is 401. A
// token that does not belong to this session is 404, exactly like an unknown session id, so a token never reveals
// whether another session exists. lib/http/candidate-session-route.ts checks it once per request.

const MAX_TOKEN_CHARS = 512;

export function resumeTokenFrom(headers: Headers): string {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "")?.[1];
  const token = bearer ?? headers.get("x-resume-token")?.trim();
  if (!token || token.length > MAX_TOKEN_CHARS) throw unauthorized("A resume token is required");
  return token;
}

/** An in-progress session whose resume token the caller presented. */
export interface CandidateSession {
  id: string;
  companyId: string;
  questions: (typeof interviewSessions.$inferSelect)["questions"];
  livekitRoom: string;
  candidateName: string | null;
}

/**
 * The in-progress session the resume token proves, in one statement (the chunk upload's hot path reads nothing else
 * before its own transaction). A session withdrawn by revoking its invite is 409 `session_revoked`, an invite revoked
 * before that rule counting as well; a completed one answers `whenCompleted` (default 404), any other ended one 404.
 */
export async function verifyCandidateSession(input: {
  sessionId: string;
  resumeToken: string;
  whenCompleted?: () => AppError;
}): Promise<CandidateSession> {
  const db = await getDb();
  const [row] = await db
    .select({
      id: interviewSessions.id,
      companyId: interviewSessions.companyId,
      status: interviewSessions.status,
      questions: interviewSessions.questions,
      livekitRoom: interviewSessions.livekitRoom,
      candidateName: candidateTokens.candidateName,
      inviteRevokedAt: candidateTokens.revokedAt,
    })
    .from(interviewSessions)
    .innerJoin(candidateTokens, eq(candidateTokens.id, interviewSessions.tokenId))
    .where(
      and(
        eq(interviewSessions.id, input.sessionId),
        eq(interviewSessions.resumeTokenHash, hashResumeToken(input.resumeToken)),
      ),
    )
    .limit(1);
  if (!row) throw notFound("Session");
  if (row.status === "revoked" || (row.status === "in_progress" && row.inviteRevokedAt)) throw sessionRevoked();
  if (row.status === "completed" && input.whenCompleted) throw input.whenCompleted();
  if (row.status !== "in_progress") throw notFound("Session");
  return {
    id: row.id,
    companyId: row.companyId,
    questions: row.questions,
    livekitRoom: row.livekitRoom,
    candidateName: row.candidateName,
  };
}
