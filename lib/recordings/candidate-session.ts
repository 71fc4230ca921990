import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { candidateTokens, interviewSessions } from "@/db/schema";
import { hashResumeToken } from "@/lib/candidate-sessions/resume-token";
import { sessionRevoked } from "@/lib/candidate-sessions/revoked";
import { AppError, notFound, unauthorized } from "@/lib/errors";

// Uploads are authenticated by the session's resume token, sent as `Authorization: Bearer <resume_token>` or
// `x-resume-token: <resume_token>`. No token at all is 401. A token that does not belong to this session is 404,
// exactly like an unknown session id, so a token never reveals whether another session exists.

const MAX_TOKEN_CHARS = 512;

export function resumeTokenFrom(headers: Headers): string {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "")?.[1];
  const token = bearer ?? headers.get("x-resume-token")?.trim();
  if (!token || token.length > MAX_TOKEN_CHARS) throw unauthorized("A resume token is required");
  return token;
}

export interface UploadSession {
  id: string;
  companyId: string;
  questionCount: number;
  /** The answer's question's time limit, from the session's snapshot: it bounds the recording's duration and size. */
  timeLimitSeconds: number;
}

/** The in-progress session the token proves, with the answer index checked against its question snapshot. */
export async function requireUploadSession(db: DbOrTx, input: { sessionId: string; resumeToken: string; answer: number }): Promise<UploadSession> {
  const [session] = await db
    .select({ id: interviewSessions.id, companyId: interviewSessions.companyId, status: interviewSessions.status, questions: interviewSessions.questions, inviteRevokedAt: candidateTokens.revokedAt })
    .from(interviewSessions)
    .innerJoin(candidateTokens, eq(candidateTokens.id, interviewSessions.tokenId))
    .where(and(eq(interviewSessions.id, input.sessionId), eq(interviewSessions.resumeTokenHash, hashResumeToken(input.resumeToken))))
    .limit(1);
  if (!session) throw notFound("Session");
  // Revoking the invite ends its session (409 session_revoked); an invite revoked before that rule counts as well.
  if (session.status === "revoked" || (session.status === "in_progress" && session.inviteRevokedAt)) throw sessionRevoked();
  if (session.status === "completed") throw new AppError("CONFLICT", "The session is completed; no more uploads are accepted", { reason: "session_closed" });
  if (session.status !== "in_progress") throw notFound("Session");
  // The per-session count: one recording per question of the snapshot, and no more.
  if (input.answer >= session.questions.length) {
    throw new AppError("PAYLOAD_TOO_LARGE", `A session stores at most ${session.questions.length} recordings, one per question (answers 0 to ${session.questions.length - 1})`);
  }
  return { id: session.id, companyId: session.companyId, questionCount: session.questions.length, timeLimitSeconds: session.questions[input.answer]!.time_limit_seconds };
}

/** A take another tab (or a restart) moved on from: 409 `take_replaced`, and the browser drops its copy. */
export const takeReplaced = (take: number, current: number) =>
  new AppError("CONFLICT", `Take ${take} of this answer was replaced by take ${current}`, { reason: "take_replaced" });
