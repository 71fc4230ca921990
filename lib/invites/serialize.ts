import type { CandidateToken } from "@/db/schema";
import type { SentReminder } from "./reminder-queries";
import { describeExpiryRule } from "./expiry-rules";
import { deriveInviteStatus, effectiveExpiry, effectiveMaxAttempts } from "./status";

export const interviewUrl = (baseUrl: string, value: string) => `${baseUrl.replace(/\/$/, "")}/interview/${value}`;

/** The API shape of an invite. Expiry and attempt limit are the effective ones (legacy defaults applied). */
export function toInviteJson(
  token: CandidateToken,
  sessions: { inProgress: boolean; completed: boolean; reminders?: readonly SentReminder[] },
  now: Date,
) {
  const { status, reason } = deriveInviteStatus(token, sessions, now);
  return {
    id: token.id,
    interview_id: token.interviewId,
    candidate_name: token.candidateName,
    candidate_email: token.candidateEmail,
    expires_at: effectiveExpiry(token).toISOString(),
    // How expires_at was chosen, and that in plain words; null for invites minted before rules were stored.
    expiry_rule: token.expiryRule ?? null,
    expiry_rule_text: token.expiryRule ? describeExpiryRule(token.expiryRule) : null,
    max_attempts: effectiveMaxAttempts(token),
    current_attempts: token.currentAttempts,
    extension_requests_allowed: token.extensionRequestsAllowed,
    is_used: token.isUsed,
    revoked_at: token.revokedAt?.toISOString() ?? null,
    last_sent_at: token.lastSentAt?.toISOString() ?? null,
    created_at: token.createdAt.toISOString(),
    status,
    status_reason: reason,
    reminders: (sessions.reminders ?? []).map((r) => ({
      offset_hours: r.offsetHours,
      sent_at: r.sentAt.toISOString(),
    })),
    reminders_unsubscribed_at: token.remindersUnsubscribedAt?.toISOString() ?? null,
  };
}
