import { attemptsLeft, effectiveExpiry, isExpired, type InviteTerms } from "@/lib/invites/status";

// Pure rules for a candidate's extension request. They take `now` (the database's clock where it matters) and plain
// data, so the landing page and the request itself judge eligibility the same way.

/** An invite that expires within this many hours counts as "nearly expired": its candidate may ask for more time. */
export const NEARLY_EXPIRED_HOURS = 48; // hours
export const REASON_MAX_CHARS = 1000; // characters (the table's check constraint says the same)

export type IneligibleWhy =
  "revoked" | "erased" | "interview_closed" | "completed" | "in_progress" | "exhausted" | "not_near_expiry";

export interface ExtensionTerms extends InviteTerms {
  erasedAt: Date | null;
}

export interface ExtensionFacts {
  interviewOpen: boolean;
  sessions: { inProgress: boolean; completed: boolean };
}

/** Expired, or expiring within NEARLY_EXPIRED_HOURS. */
export function isNearlyExpired(t: Pick<InviteTerms, "expiresAt" | "createdAt">, now: Date): boolean {
  return isExpired(t, now) || effectiveExpiry(t).getTime() - now.getTime() <= NEARLY_EXPIRED_HOURS * 3600 * 1000;
}

/**
 * Whether the invite, as such, allows asking for more time (the per-invite limit and the one-pending rule are
 * counted separately, from the requests on record). Order: what ends the invite for good first, then timing.
 */
export function extensionIneligibility(t: ExtensionTerms, facts: ExtensionFacts, now: Date): IneligibleWhy | null {
  if (t.revokedAt) return "revoked";
  if (t.erasedAt) return "erased";
  if (!facts.interviewOpen) return "interview_closed";
  if (facts.sessions.completed) return "completed";
  if (facts.sessions.inProgress) return "in_progress";
  if (attemptsLeft(t) === 0) return "exhausted";
  if (!isNearlyExpired(t, now)) return "not_near_expiry";
  return null;
}

export const INELIGIBLE_DETAIL: Record<IneligibleWhy, string> = {
  revoked: "This interview link has been withdrawn, so more time cannot be requested",
  erased: "This invitation's personal data has been erased",
  interview_closed: "This interview is not open, so more time cannot be requested",
  completed: "You have already completed this interview",
  in_progress: "Your interview is in progress; finish it with the time you have",
  exhausted: "Every attempt this invitation allows has been used",
  not_near_expiry: `More time can be requested once the link has expired or expires within ${NEARLY_EXPIRED_HOURS} hours`,
};
