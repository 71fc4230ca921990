import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rowsOf } from "@/db/rows";
import type { RequestMeta } from "@/lib/http/request-meta";
import { hashInvite, isWellFormedInvite } from "@/lib/tokens/token-value";
import { type SessionRow, type StartedSession, toStartedSession } from "./start";
import { hashResumeToken, newResumeToken } from "./resume-token";

/**
 * Resumes the invite's session in progress when the resume token matches and the candidate's last activity is within
 * the interview's grace window (database clock). No attempt is consumed and recorded answers stay. The resume token
 * rotates. Returns null when there is nothing to resume; the caller then starts a new attempt.
 */
export async function resumeSession(input: { invite: string; resumeToken: string; meta: RequestMeta }): Promise<StartedSession | null> {
  if (!isWellFormedInvite(input.invite) || !input.resumeToken) return null;
  const db = await getDb();
  const rotated = newResumeToken();
  const result = await db.execute(sql`
    WITH resumed AS (
      UPDATE interview_sessions s
         SET last_activity_at = now(), resume_token_hash = ${hashResumeToken(rotated)}
        FROM candidate_tokens t, interviews i
       WHERE t.token_hash = ${hashInvite(input.invite)}
         AND s.token_id = t.id AND i.id = s.interview_id
         AND s.resume_token_hash = ${hashResumeToken(input.resumeToken)}
         AND s.status = 'in_progress'
         AND t.revoked_at IS NULL
         AND s.last_activity_at > now() - make_interval(mins => i.resume_grace_minutes)
      RETURNING s.id, s.company_id, s.attempt_number, s.questions, s.livekit_room, t.candidate_name, i.retakes_allowed, i.practice_question
    ), audited AS (
      INSERT INTO audit_logs (company_id, action, resource_type, resource_id, details, ip_address, user_agent)
      SELECT r.company_id, 'SESSION_RESUMED', 'interview_session', r.id, jsonb_build_object('attempt', r.attempt_number),
             ${input.meta.ip}::inet, ${input.meta.userAgent}
        FROM resumed r
    )
    SELECT id, attempt_number, questions, livekit_room, candidate_name, retakes_allowed, practice_question FROM resumed`);
  const [row] = rowsOf<SessionRow>(result);
  return row ? toStartedSession(row, rotated) : null;
}
