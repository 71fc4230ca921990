import { type CandidateSession, verifyCandidateSession } from "@/lib/candidate-sessions/verified-session";
import { AppError } from "@/lib/errors";

// Uploads, finalize and retake act on a session the candidate proved with its resume token
// (lib/candidate-sessions/verified-session.ts). The routes prove it once in their wrapper and pass the session on;
// other callers pass the id and the token, and the session is proved here.

/** The session the route already proved, or its id and the resume token that proves it. */
export type SessionProof = { session: CandidateSession } | { sessionId: string; resumeToken: string };

export interface UploadSession {
  id: string;
  companyId: string;
  questionCount: number;
  /** The answer's question's time limit, from the session's snapshot: it bounds the recording's duration and size. */
  timeLimitSeconds: number;
}

/** A completed session takes no more uploads: 409 `session_closed` (not 404, so the room knows it is done). */
export const uploadsClosed = () =>
  new AppError("CONFLICT", "The session is completed; no more uploads are accepted", { reason: "session_closed" });

/** The in-progress session the token proves, with the answer index checked against its question snapshot. */
export async function requireUploadSession(input: SessionProof & { questionIndex: number }): Promise<UploadSession> {
  const session =
    "session" in input ? input.session : await verifyCandidateSession({ ...input, whenCompleted: uploadsClosed });
  // The per-session count: one recording per question of the snapshot, and no more.
  if (input.questionIndex >= session.questions.length) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `A session stores at most ${session.questions.length} recordings, one per question (answers 0 to ${session.questions.length - 1})`,
    );
  }
  return {
    id: session.id,
    companyId: session.companyId,
    questionCount: session.questions.length,
    timeLimitSeconds: session.questions[input.questionIndex]!.time_limit_seconds,
  };
}

/** A take another tab (or a restart) moved on from: 409 `take_replaced`, and the browser drops its copy. */
export const takeReplaced = (take: number, current: number) =>
  new AppError("CONFLICT", `Take ${take} of this answer was replaced by take ${current}`, { reason: "take_replaced" });
