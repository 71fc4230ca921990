import postgres from "postgres";
import { apiCall } from "../api-call";

// The interview the candidates join, made through the public API as HR would: one question with the longest think
// time, so every candidate sits on the question (connected and publishing, not recording) while it is measured, and
// no practice question, so "Start interview" is the step right after the device check.

export interface JoinFixture {
  interviewId: string;
  title: string;
  questions: number;
  /** Invite paths (/interview/<value>), one per candidate: an invite starts one attempt. */
  links: string[];
}

const THINK_TIME_S = 600; // the schema's maximum: nobody starts recording during a run
const TIME_LIMIT_S = 120;

export async function makeJoinFixture(opts: {
  baseUrl: string;
  staffToken: string;
  stamp: string;
  invites: number;
}): Promise<JoinFixture> {
  const { baseUrl, staffToken: token } = opts;
  const title = `Bench livekit ${opts.stamp}`;
  const interview = await apiCall<{ id: string }>(baseUrl, "/api/interviewer/interviews", {
    method: "POST",
    token,
    body: {
      title,
      position: "Benchmark",
      status: "active",
      practice_question: false,
      questions: [{ text: "Bench question", time_limit_seconds: TIME_LIMIT_S, think_time_seconds: THINK_TIME_S }],
    },
  });
  const links: string[] = [];
  for (let i = 0; i < opts.invites; i++) {
    const invite = await apiCall<{ interview_url: string }>(
      baseUrl,
      `/api/interviewer/interviews/${interview.id}/tokens`,
      {
        method: "POST",
        token,
        body: { candidate_name: `bench-livekit-${i + 1}` },
      },
    );
    links.push(new URL(invite.interview_url).pathname);
  }
  return { interviewId: interview.id, title, questions: 1, links };
}

/** On someone's DATABASE_URL: removes the bench's interview and everything its candidates left (audit rows stay). */
export async function removeJoinFixture(databaseUrl: string, interviewId: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      await tx`DELETE FROM livekit_webhook_events WHERE room IN (SELECT livekit_room FROM interview_sessions WHERE interview_id = ${interviewId})`;
      await tx`DELETE FROM recordings WHERE session_id IN (SELECT id FROM interview_sessions WHERE interview_id = ${interviewId})`;
      await tx`DELETE FROM interview_sessions WHERE interview_id = ${interviewId}`;
      await tx`DELETE FROM candidate_consents WHERE token_id IN (SELECT id FROM candidate_tokens WHERE interview_id = ${interviewId})`;
      await tx`DELETE FROM email_outbox WHERE token_id IN (SELECT id FROM candidate_tokens WHERE interview_id = ${interviewId})`;
      await tx`DELETE FROM candidate_tokens WHERE interview_id = ${interviewId}`;
      await tx`DELETE FROM interviews WHERE id = ${interviewId}`;
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
