// Pure rules about invites. They take `now` and plain data; the database applies the same rules itself in the
// statement that consumes an attempt (with its own clock), these serve listings, pages and diagnostics.

export const DEFAULT_EXPIRY_HOURS = 72;
export const MAX_EXPIRY_HOURS = 720; // 30 days
export const LEGACY_LIFETIME_MS = 7 * 24 * 3600 * 1000; // invites without expires_at
export const LEGACY_MAX_ATTEMPTS = 1; // invites without max_attempts

export interface InviteTerms {
  expiresAt: Date | null;
  createdAt: Date;
  maxAttempts: number | null;
  currentAttempts: number;
  revokedAt: Date | null;
}

export type InviteStatus = "active" | "in_progress" | "completed" | "expired" | "attempts_exhausted" | "revoked";

export const effectiveExpiry = (t: Pick<InviteTerms, "expiresAt" | "createdAt">): Date =>
  t.expiresAt ?? new Date(t.createdAt.getTime() + LEGACY_LIFETIME_MS);

export const effectiveMaxAttempts = (t: Pick<InviteTerms, "maxAttempts">): number =>
  t.maxAttempts ?? LEGACY_MAX_ATTEMPTS;

export const attemptsLeft = (t: Pick<InviteTerms, "maxAttempts" | "currentAttempts">): number =>
  Math.max(0, effectiveMaxAttempts(t) - t.currentAttempts);

/** No leeway: an invite is expired from the very instant of its expiry. */
export const isExpired = (t: Pick<InviteTerms, "expiresAt" | "createdAt">, now: Date): boolean =>
  effectiveExpiry(t).getTime() <= now.getTime();

/**
 * The status an interviewer sees, with the reason in words. A finished or running interview says so even when the
 * link has since expired, because that is what the interviewer cares about.
 */
export function deriveInviteStatus(
  t: InviteTerms,
  sessions: { inProgress: boolean; completed: boolean },
  now: Date,
): { status: InviteStatus; reason: string } {
  if (t.revokedAt) return { status: "revoked", reason: `revoked at ${t.revokedAt.toISOString()}` };
  if (sessions.completed) return { status: "completed", reason: "the candidate completed the interview" };
  if (sessions.inProgress) return { status: "in_progress", reason: "an attempt is in progress" };
  const expiry = effectiveExpiry(t);
  if (isExpired(t, now)) {
    return {
      status: "expired",
      reason: `expired at ${expiry.toISOString()}${t.expiresAt ? "" : " (legacy: 7 days after creation)"}`,
    };
  }
  if (attemptsLeft(t) === 0) {
    return { status: "attempts_exhausted", reason: `all ${effectiveMaxAttempts(t)} attempt(s) used` };
  }
  return { status: "active", reason: `${attemptsLeft(t)} attempt(s) left until ${expiry.toISOString()}` };
}

export type StartRejectionReason =
  "invalid_invite" | "invite_revoked" | "interview_closed" | "invite_expired" | "attempts_exhausted";
export type StartRejection = { reason: StartRejectionReason; detail: string };

/**
 * Why a start was refused, for an invite the consuming statement did not update. Precedence: unknown, revoked or
 * interview closed beats expired beats attempts exhausted (the seed's 400, 410, 403; the statuses are mapped in one
 * place, lib/candidate-sessions/invite-facts.ts). Returns null when nothing forbids a start
 * (a concurrent change; the caller reports that as a conflict).
 */
export function classifyStartRejection(
  t: (InviteTerms & { interviewOpen: boolean }) | null,
  dbNow: Date,
): StartRejection | null {
  if (!t) return { reason: "invalid_invite", detail: "Invalid interview link" };
  if (t.revokedAt) return { reason: "invite_revoked", detail: "This interview link has been revoked" };
  if (!t.interviewOpen) return { reason: "interview_closed", detail: "This interview is not open" };
  if (isExpired(t, dbNow)) return { reason: "invite_expired", detail: "This interview link has expired" };
  if (attemptsLeft(t) === 0) return { reason: "attempts_exhausted", detail: "Maximum attempts exceeded" };
  return null;
}
