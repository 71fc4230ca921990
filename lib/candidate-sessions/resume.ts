import "server-only";
import { sql } from "drizzle-orm";
import { getDb, getDbHandle } from "@/lib/db";
import { rowsOf } from "@/db/rows";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { hashInvite, isWellFormedInvite } from "@/lib/invites/token-value";
import { resumeRefusal, type ResumeFacts } from "./resume-refusal";
import { deriveResumeChild, hashResumeToken, RESUME_REUSE_GRACE_S } from "./resume-token";
import { candidateQuestionsSql, type OpenedSession, type SessionRow, toStartedSession } from "./start";
import type { StoredAnswer } from "./started-session";

type ResumedRow = SessionRow & { grace_replay: boolean; answers: StoredAnswer[] };

/**
 * The resume statement (see resumeSession), fixed text prepared once per connection (hot path: every reload). $1 the
 * rotated child's hash, $2 the presented token's hash, $3 the invite's hash, $4 RESUME_REUSE_GRACE_S, $5 client
 * address, $6 user agent. It also answers the session's stored answers, so the room picks up where it left off
 * without a second query.
 */
const RESUME_STATEMENT = `
  WITH resumed AS (
    UPDATE interview_sessions s
       SET last_activity_at = now(),
           resume_token_hash = $1::text,
           prev_resume_token_hash = $2::text,
           resume_rotated_at = CASE WHEN s.resume_token_hash = $2::text THEN now() ELSE s.resume_rotated_at END
      FROM candidate_tokens t, interviews i
     WHERE t.token_hash = $3::text
       AND s.token_id = t.id AND i.id = s.interview_id
       AND s.status = 'in_progress'
       AND t.revoked_at IS NULL
       AND s.last_activity_at > now() - make_interval(mins => i.resume_grace_minutes)
       AND (s.resume_token_hash = $2::text
            OR (s.prev_resume_token_hash = $2::text AND s.resume_token_hash = $1::text
                AND s.resume_rotated_at > now() - make_interval(secs => $4::int)))
    -- A rotation stamps now(); a replay keeps the stamp of the rotation it replays.
    RETURNING s.id, s.company_id, s.attempt_number, s.questions, s.livekit_room, t.candidate_name, i.retakes_allowed,
              i.practice_question, (s.resume_rotated_at IS DISTINCT FROM now()) AS grace_replay
  ), audited AS (
    INSERT INTO audit_logs (company_id, action, resource_type, resource_id, details, ip_address, user_agent)
    SELECT r.company_id, 'SESSION_RESUMED', 'interview_session', r.id,
           CASE WHEN r.grace_replay THEN jsonb_build_object('attempt', r.attempt_number, 'grace_replay', true)
                ELSE jsonb_build_object('attempt', r.attempt_number) END,
           $5::inet, $6::text
      FROM resumed r
  )
  SELECT r.id, r.attempt_number, ${candidateQuestionsSql("r.questions")} AS questions, r.livekit_room, r.candidate_name, r.retakes_allowed, r.practice_question, r.grace_replay,
         (SELECT COALESCE(jsonb_agg(jsonb_build_object('answer', rc.question_index, 'status', rc.status, 'take', rc.take,
                                                       'retakes_used', rc.retakes_used) ORDER BY rc.question_index), '[]'::jsonb)
            FROM recordings rc WHERE rc.session_id = r.id) AS answers
    FROM resumed r`;

/**
 * Resumes the invite's session in progress, in ONE statement, when the candidate's last activity is within the
 * interview's grace window (database clock) and the resume token is either
 * - the session's current one: it rotates to its HMAC child, remembering the parent and when it rotated; or
 * - the one rotated away less than RESUME_REUSE_GRACE_S ago (a double click, a second tab): the same session and the
 *   same child are answered again, and nothing rotates.
 * Concurrent resumes with one token serialize on the session row; the later ones re-check the row as the first left
 * it and match the second branch. No attempt is consumed and recorded answers stay.
 *
 * Anything else is refused and changes nothing: it never falls back to a new attempt (see resumeRefusal). A null
 * token (the caller insisted on resuming but presented none) is refused the same way.
 */
export async function resumeSession(input: {
  invite: string;
  inviteHash?: string;
  resumeToken: string | null;
  meta: RequestMeta;
}): Promise<OpenedSession> {
  if (!isWellFormedInvite(input.invite))
    throw new AppError("BAD_REQUEST", "Invalid interview link", { reason: "invalid_invite" });
  if (input.resumeToken) {
    const parentHash = hashResumeToken(input.resumeToken);
    const child = deriveResumeChild(input.resumeToken);
    const handle = await getDbHandle();
    const [row] = await handle.prepared<ResumedRow>(RESUME_STATEMENT, [
      hashResumeToken(child),
      parentHash,
      input.inviteHash ?? hashInvite(input.invite),
      RESUME_REUSE_GRACE_S,
      input.meta.ip,
      input.meta.userAgent,
    ]);
    if (row) return toStartedSession(row, child, row.answers);
  }
  throw await refusalFor(input.invite, input.resumeToken);
}

/** Nothing was resumed: read the invite, the session the token names (if any) and the database clock to say why. */
async function refusalFor(invite: string, resumeToken: string | null): Promise<AppError> {
  const db = await getDb();
  const tokenHash = resumeToken ? hashResumeToken(resumeToken) : null;
  const [facts] = rowsOf<ResumeFacts>(
    await db.execute(sql`
      SELECT t.expires_at, t.created_at, t.max_attempts, t.current_attempts, t.revoked_at,
             (i.status = 'active') AS interview_open, i.resume_grace_minutes, now() AS db_now,
             s.status AS session_status,
             (s.resume_token_hash = ${tokenHash}) AS token_is_current,
             (s.last_activity_at > now() - make_interval(mins => i.resume_grace_minutes)) AS within_grace
        FROM candidate_tokens t
        JOIN interviews i ON i.id = t.interview_id
        LEFT JOIN interview_sessions s
          ON s.token_id = t.id AND (s.resume_token_hash = ${tokenHash} OR s.prev_resume_token_hash = ${tokenHash})
       WHERE t.token_hash = ${hashInvite(invite)}
       ORDER BY s.attempt_number DESC NULLS LAST
       LIMIT 1`),
  );
  return resumeRefusal(facts ?? null, { presented: resumeToken !== null });
}
