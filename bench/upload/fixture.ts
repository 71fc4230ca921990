import postgres from "postgres";
import { apiCall } from "../api-call";

// The sessions the uploaders write into, made through the public API as an interviewer and a candidate would: an
// active interview with one question, one invite per session, and start-session for each.

export interface UploadSession {
  sessionId: string;
  resumeToken: string;
}

export interface UploadFixture {
  interviewId: string;
  sessions: UploadSession[];
}

/** `count` in-progress sessions of a fresh interview owned by the user of `staffToken`. */
export async function makeUploadFixture(opts: {
  baseUrl: string;
  staffToken: string;
  stamp: string;
  count: number;
}): Promise<UploadFixture> {
  const { baseUrl, staffToken: token } = opts;
  const interview = await apiCall<{ id: string }>(baseUrl, "/api/interviewer/interviews", {
    method: "POST",
    token,
    body: {
      title: `Bench upload ${opts.stamp}`,
      position: "Benchmark",
      status: "active",
      questions: [{ text: "Bench answer", time_limit_seconds: 1800 }],
    },
  });
  const sessions: UploadSession[] = [];
  // One after another: preparation is not what is measured, and it keeps the server's memory quiet before the baseline.
  for (let i = 0; i < opts.count; i++) {
    const invite = await apiCall<{ token_value: string }>(
      baseUrl,
      `/api/interviewer/interviews/${interview.id}/tokens`,
      {
        method: "POST",
        token,
        body: { candidate_name: `bench-upload-${i}` },
      },
    );
    const session = await apiCall<{ session_id: string; resume_token: string }>(
      baseUrl,
      "/api/candidates/interviews/start-session",
      {
        method: "POST",
        body: { token: invite.token_value },
      },
    );
    sessions.push({ sessionId: session.session_id, resumeToken: session.resume_token });
  }
  return { interviewId: interview.id, sessions };
}

/**
 * Removes the bench interview's rows from a database the bench does not own (DATABASE_URL), since their recording
 * files are deleted with the temporary DATA_DIR. Order follows the foreign keys; chunks go with their recordings and
 * questions with the interview. Audit rows stay: audit_logs is append-only by trigger.
 */
export async function removeUploadFixture(databaseUrl: string, interviewId: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      await tx`DELETE FROM recordings WHERE session_id IN (SELECT id FROM interview_sessions WHERE interview_id = ${interviewId})`;
      await tx`DELETE FROM interview_sessions WHERE interview_id = ${interviewId}`;
      await tx`DELETE FROM candidate_tokens WHERE interview_id = ${interviewId}`;
      await tx`DELETE FROM interviews WHERE id = ${interviewId}`;
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
