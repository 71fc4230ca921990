import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb, getDbHandle } from "@/lib/db";
import type { QuestionSnapshot } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { closeRoom, openRoom } from "@/lib/livekit/room-service";
import { classifyStartRejection } from "@/lib/invites/status";
import { hashInvite, isWellFormedInvite } from "@/lib/invites/token-value";
import { type InviteFactsRow, startRejectionError, toInviteFacts } from "./invite-facts";
import { hashResumeToken, newResumeToken } from "./resume-token";
import type { CandidateQuestion, StoredAnswer } from "./started-session";

/** The session a start or resume opened; the route answers it as a StartedSession (./started-session). */
export interface OpenedSession {
  sessionId: string;
  attemptNumber: number;
  questions: CandidateQuestion[];
  room: string;
  resumeToken: string;
  candidateName: string | null;
  retakesAllowed: number;
  practiceQuestion: boolean;
  /** Each answer's server-side state (a ready answer is done; an uploading one has a take a restart replaces). */
  answers: StoredAnswer[];
}

/** The columns start and resume both answer for the session they open. */
export interface SessionRow {
  id: string;
  attempt_number: number;
  questions: QuestionSnapshot[];
  livekit_room: string;
  candidate_name: string | null;
  retakes_allowed: number;
  practice_question: boolean;
}

export const toStartedSession = (
  row: SessionRow,
  resumeToken: string,
  answers: StoredAnswer[] = [],
): OpenedSession => ({
  sessionId: row.id,
  attemptNumber: row.attempt_number,
  // The rubric is the company's: candidates are never sent a question's criteria.
  questions: row.questions.map(({ criteria: _rubric, ...question }) => question),
  room: row.livekit_room,
  resumeToken,
  candidateName: row.candidate_name,
  retakesAllowed: row.retakes_allowed,
  practiceQuestion: row.practice_question,
  answers,
});

type ConsumedRow = SessionRow & { company_id: string; abandoned_rooms: string[] };

/**
 * A question snapshot (a jsonb array) as the candidate gets it, in SQL: in order, without the rubric. The session keeps
 * each question's criteria for the evaluation; the candidate is never sent them, and a rubric is several KB a
 * question, so it is dropped in the database rather than carried to Node and parsed there. Start and resume use it.
 */
export const candidateQuestionsSql = (snapshot: string): string =>
  `(SELECT COALESCE(jsonb_agg(e.question - 'criteria' ORDER BY e.n), '[]'::jsonb)
      FROM jsonb_array_elements(${snapshot}) WITH ORDINALITY AS e(question, n))`;

/**
 * Consumes one attempt and opens a session, in ONE statement: the conditional UPDATE judges revocation, expiry (by
 * the database clock, no leeway) and the attempt limit on the row it locks, and the session and audit inserts only
 * happen for the row it returned. Concurrent starts serialize on the invite row; none can overdraw it. An older
 * attempt still marked in progress is closed as abandoned. The session keeps the questions with their rubric; the
 * statement answers them without it (candidateQuestionsSql). Fixed text, prepared once per connection (hot path):
 * $1 invite hash, $2 session id, $3 LiveKit room, $4 resume token hash, $5 client address, $6 user agent.
 */
const START_STATEMENT = `
  WITH consumed AS (
    UPDATE candidate_tokens t
       SET current_attempts = t.current_attempts + 1, is_used = true, updated_at = now()
      FROM interviews i
     WHERE t.token_hash = $1
       AND i.id = t.interview_id AND i.status = 'active'
       AND t.revoked_at IS NULL
       AND COALESCE(t.expires_at, t.created_at + interval '7 days') > now()
       AND t.current_attempts < COALESCE(t.max_attempts, 1)
    RETURNING t.id, t.company_id, t.interview_id, t.current_attempts, t.candidate_name, i.retakes_allowed, i.practice_question
  ), abandoned AS (
    UPDATE interview_sessions s SET status = 'abandoned', ended_at = now()
      FROM consumed c
     WHERE s.token_id = c.id AND s.status = 'in_progress'
    RETURNING s.livekit_room
  ), snapshot AS (
    SELECT COALESCE(jsonb_agg(jsonb_build_object(
             'index', q.position, 'text', q.text,
             'think_time_seconds', q.think_time_seconds, 'time_limit_seconds', q.time_limit_seconds,
             'criteria', q.criteria)
           ORDER BY q.position), '[]'::jsonb) AS questions
      FROM consumed c JOIN interview_questions q ON q.interview_id = c.interview_id
  ), opened AS (
    INSERT INTO interview_sessions
      (id, company_id, interview_id, token_id, attempt_number, status, questions, livekit_room, resume_token_hash)
    SELECT $2::uuid, c.company_id, c.interview_id, c.id, c.current_attempts, 'in_progress', snapshot.questions, $3::text, $4::text
      FROM consumed c, snapshot
    RETURNING id, company_id, attempt_number, livekit_room, token_id
  ), audited AS (
    INSERT INTO audit_logs (company_id, action, resource_type, resource_id, details, ip_address, user_agent)
    SELECT o.company_id, 'SESSION_STARTED', 'interview_session', o.id,
           jsonb_build_object('token_id', o.token_id, 'attempt', o.attempt_number), $5::inet, $6::text
      FROM opened o
  )
  SELECT o.id, o.company_id, o.attempt_number, ${candidateQuestionsSql("snapshot.questions")} AS questions,
         o.livekit_room, c.candidate_name, c.retakes_allowed, c.practice_question,
         (SELECT COALESCE(array_agg(a.livekit_room), '{}') FROM abandoned a) AS abandoned_rooms
    FROM opened o, consumed c, snapshot`;

/**
 * Starts a new attempt (START_STATEMENT). The LiveKit rooms are opened and closed in the background: the answer never
 * waits on the relay, and the join token does not need the room to exist.
 */
export async function startSession(input: {
  invite: string;
  inviteHash?: string;
  meta: RequestMeta;
}): Promise<OpenedSession> {
  if (!isWellFormedInvite(input.invite))
    throw new AppError("BAD_REQUEST", "Invalid interview link", { reason: "invalid_invite" });
  const sessionId = randomUUID();
  const room = `interview-${sessionId}`;
  const resumeToken = newResumeToken();
  const inviteHash = input.inviteHash ?? hashInvite(input.invite);
  const handle = await getDbHandle();
  const [row] = await handle.prepared<ConsumedRow>(START_STATEMENT, [
    inviteHash,
    sessionId,
    room,
    hashResumeToken(resumeToken),
    input.meta.ip,
    input.meta.userAgent,
  ]);
  if (row) {
    const abandonedRooms = [
      ...row.abandoned_rooms,
      ...(row.attempt_number > 1 ? await abandonEarlierAttempts(row.id, row.attempt_number) : []),
    ];
    for (const abandonedRoom of abandonedRooms) void closeRoom(abandonedRoom);
    void openRoom({ room: row.livekit_room, sessionId: row.id, companyId: row.company_id });
    return toStartedSession(row, resumeToken);
  }
  throw await rejectionFor(inviteHash);
}

/**
 * The statement above abandons the attempts its snapshot shows. A start that waited on the invite row for a
 * concurrent start (a double click on "new attempt") took its snapshot before that one committed, so it cannot see
 * the session that one opened. Once committed, close any earlier attempt still in progress, so that only the latest
 * attempt of an invite is ever in progress.
 */
async function abandonEarlierAttempts(sessionId: string, attemptNumber: number): Promise<string[]> {
  const db = await getDb();
  const rows = rowsOf<{ livekit_room: string }>(
    await db.execute(sql`
      UPDATE interview_sessions s SET status = 'abandoned', ended_at = now()
        FROM interview_sessions mine
       WHERE mine.id = ${sessionId}::uuid AND s.token_id = mine.token_id
         AND s.status = 'in_progress' AND s.attempt_number < ${attemptNumber}
      RETURNING s.livekit_room`),
  );
  return rows.map((r) => r.livekit_room);
}

/** Nothing was consumed: read the invite (and the database clock) to say why, with the seed's precedence. */
async function rejectionFor(inviteHash: string): Promise<AppError> {
  const db = await getDb();
  const [facts] = rowsOf<InviteFactsRow>(
    await db.execute(sql`
      SELECT t.expires_at, t.created_at, t.max_attempts, t.current_attempts, t.revoked_at,
             (i.status = 'active') AS interview_open, now() AS db_now
        FROM candidate_tokens t JOIN interviews i ON i.id = t.interview_id
       WHERE t.token_hash = ${inviteHash}`),
  );
  const rejection = classifyStartRejection(
    facts ? toInviteFacts(facts) : null,
    facts ? new Date(facts.db_now) : new Date(),
  );
  if (!rejection) return new AppError("CONFLICT", "The invite changed while starting; try again");
  return startRejectionError(rejection);
}
