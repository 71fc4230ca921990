import type { CandidateToken } from "@/db/schema";
import { deriveInviteStatus, effectiveExpiry, effectiveMaxAttempts } from "./status";

export const interviewUrl = (baseUrl: string, value: string) => `${baseUrl.replace(/\/$/, "")}/interview/${value}`;

/** The API shape of an invite. Expiry and attempt limit are the effective ones (legacy defaults applied). */
export function toInviteJson(token: CandidateToken, sessions: { inProgress: boolean; completed: boolean }, now: Date) {
  const { status, reason } = deriveInviteStatus(token, sessions, now);
  return {
    id: token.id,
    interview_id: token.interviewId,
    candidate_name: token.candidateName,
    candidate_email: token.candidateEmail,
    expires_at: effectiveExpiry(token).toISOString(),
    max_attempts: effectiveMaxAttempts(token),
    current_attempts: token.currentAttempts,
    is_used: token.isUsed,
    revoked_at: token.revokedAt?.toISOString() ?? null,
    last_sent_at: token.lastSentAt?.toISOString() ?? null,
    created_at: token.createdAt.toISOString(),
    status,
    status_reason: reason,
  };
}
