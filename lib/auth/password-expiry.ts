// A company may set a maximum password age (companies.max_password_age_days); a password older than that is
// "expired". Sign-in still succeeds, but the dashboard and the API send the user to change it first. Off by default:
// NIST SP 800-63B (5.1.1.2) advises against forcing periodic changes, which push people to weaker, predictable
// passwords; it asks for a change only when a password may have been compromised.

export const MIN_PASSWORD_AGE_DAYS = 30; // days
export const MAX_PASSWORD_AGE_DAYS = 730; // days
const DAY_MS = 86_400_000;

/** When a password set at `changedAt` expires under `maxAgeDays`, or null when the company sets no maximum. */
export function passwordExpiresAt(changedAt: Date, maxAgeDays: number | null): Date | null {
  return maxAgeDays === null ? null : new Date(changedAt.getTime() + maxAgeDays * DAY_MS);
}

/** Expired once it is strictly older than the maximum: at exactly `maxAgeDays` days it is still good. */
export function isPasswordExpired(expiresAt: Date | string | null | undefined, now: Date): boolean {
  if (!expiresAt) return false;
  return now.getTime() > new Date(expiresAt).getTime();
}

/** Whole days since the password was set (what the banner says: "yours is M days old"). */
export function passwordAgeDays(changedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - changedAt.getTime()) / DAY_MS));
}
