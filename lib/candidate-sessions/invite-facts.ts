import { AppError } from "@/lib/errors";
import type { StartRejection, TokenFacts } from "@/lib/tokens/status";

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

/** The plain facts the pure invite rules (lib/tokens/status.ts) judge. */
export const toInviteFacts = (row: InviteFactsRow): TokenFacts & { interviewOpen: boolean } => ({
  expiresAt: date(row.expires_at),
  createdAt: new Date(row.created_at),
  maxAttempts: row.max_attempts,
  currentAttempts: row.current_attempts,
  revokedAt: date(row.revoked_at),
  interviewOpen: row.interview_open,
});

/** A refused start as the API answers it: 400, 410 or 403, with its reason. */
export function startRejectionError(rejection: StartRejection): AppError {
  const code = rejection.status === 400 ? "BAD_REQUEST" : rejection.status === 410 ? "GONE" : "FORBIDDEN";
  return new AppError(code, rejection.detail, { reason: rejection.reason });
}
