import { AppError, type ErrorCode } from "@/lib/errors";
import type { StartRejection, StartRejectionReason, InviteTerms } from "@/lib/invites/status";

/** An invite as a raw statement reads it (`t` the invite, `i` its interview), with the database's clock. */
export interface InviteFactsRow {
  expires_at: Date | string | null;
  created_at: Date | string;
  max_attempts: number | null;
  current_attempts: number;
  revoked_at: Date | string | null;
  interview_open: boolean;
  db_now: Date | string;
}

const date = (v: Date | string | null) => (v === null ? null : new Date(v));

/** The plain facts the pure invite rules (lib/invites/status.ts) judge. */
export const toInviteFacts = (row: InviteFactsRow): InviteTerms & { interviewOpen: boolean } => ({
  expiresAt: date(row.expires_at),
  createdAt: new Date(row.created_at),
  maxAttempts: row.max_attempts,
  currentAttempts: row.current_attempts,
  revokedAt: date(row.revoked_at),
  interviewOpen: row.interview_open,
});

/** The seed's statuses for a refused start: 400 for a link that does not work, 410 expired, 403 no attempts left. */
const STATUS_OF: Record<StartRejectionReason, ErrorCode> = {
  invalid_invite: "BAD_REQUEST",
  invite_revoked: "BAD_REQUEST",
  interview_closed: "BAD_REQUEST",
  invite_expired: "GONE",
  attempts_exhausted: "FORBIDDEN",
};

/** A refused start as the API answers it, with its reason. */
export function startRejectionError(rejection: StartRejection): AppError {
  return new AppError(STATUS_OF[rejection.reason], rejection.detail, { reason: rejection.reason });
}
