// What POST /api/candidates/interviews/start-session answers, and where a started session's recordings live. The server
// builds it and the candidate's browser reads it, so this module is client-safe: types and pure functions only (no
// database, no node:*, no secrets).

/** An answer's state on the server (the recordings table's status). */
export type StoredAnswerStatus = "uploading" | "ready" | "failed";

/** An answer the server already holds for a resumed session: the room continues from these. */
export interface StoredAnswer {
  answer: number;
  status: StoredAnswerStatus;
  take: number;
  retakes_used: number;
}

/** A question as the candidate is sent it: the session's snapshot without the rubric, which stays the company's. */
export interface CandidateQuestion {
  index: number;
  text: string;
  think_time_seconds: number | null;
  time_limit_seconds: number;
}

/** What the candidate's browser needs to join the session's LiveKit room. */
export interface LivekitJoin {
  server_url: string;
  room_name: string;
  participant_token: string;
  expires_at: string;
}

/** The start-session response: a new attempt, or the session in progress resumed. */
export interface StartedSession {
  session_id: string;
  attempt_number: number;
  resumed: boolean;
  questions: CandidateQuestion[];
  retakes_allowed: number;
  practice_question: boolean;
  /** Each answer's server-side state (a ready answer is done; an uploading one has a take a restart replaces). */
  answers: StoredAnswer[];
  livekit: LivekitJoin;
  resume_token: string;
}

/** The candidate API path of one answer's recording (its chunks, finalize and retake hang below it). */
export const recordingPath = (sessionId: string, questionIndex: number) =>
  `/api/candidates/sessions/${sessionId}/recordings/${questionIndex}`;
