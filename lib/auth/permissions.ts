import type { Role } from "@/db/schema";
import { forbidden } from "@/lib/errors";

// The one permission matrix: which roles may perform which action. Pages, actions and handlers all ask here.
export const PERMISSIONS = {
  "dashboard.view": ["EMPLOYEE", "TEAM_LEAD", "HR", "ADMIN"],
  "users.list": ["HR", "ADMIN"],
  "users.manage": ["ADMIN"],
  "audit.read": ["HR", "ADMIN"],
  // Interviews and their invites and sessions. A TEAM_LEAD manages only the interviews they own (see
  // lib/interviews/access.ts); "interviews.manage_any" is the right to manage every interview of the company.
  "interviews.read": ["EMPLOYEE", "TEAM_LEAD", "HR", "ADMIN"],
  "interviews.create": ["TEAM_LEAD", "HR", "ADMIN"],
  "interviews.manage_any": ["HR", "ADMIN"],
  "invites.diagnostics": ["HR", "ADMIN"],
  "outbox.read": ["TEAM_LEAD", "HR", "ADMIN"],
  // Watching sessions and their recordings; a TEAM_LEAD only for the interviews they own (lib/review/access.ts).
  "recordings.view": ["TEAM_LEAD", "HR", "ADMIN"],
  // Staff LiveKit tokens (/api/token/room, /join) for the company's live interview rooms. Joining a room shows the
  // candidate live, so it needs the same right as watching their recordings: "recordings.view", and a TEAM_LEAD only
  // for the interviews they own (lib/livekit/staff-token.ts). Every staff token may subscribe; publishing camera or
  // microphone is for candidates only, so no role has it.
  "livekit.tokens": ["TEAM_LEAD", "HR", "ADMIN"],
  // Checking a LiveKit token's validity and the relay's reachability (/api/token/validate, /api/livekit/status).
  "livekit.inspect": ["EMPLOYEE", "TEAM_LEAD", "HR", "ADMIN"],
  "livekit.publish_data": ["TEAM_LEAD", "HR", "ADMIN"],
  "livekit.update_metadata": ["ADMIN"],
  "livekit.stats": ["HR", "ADMIN"],
  // The company's failed background jobs (dead-letter list) and retrying them.
  "jobs.manage": ["HR", "ADMIN"],
  // Asking for a new version of a session's AI evaluation (the old versions stay, audited).
  "evaluations.rerun": ["HR", "ADMIN"],
  // Human review. Scoring a session, its board, comparison, report and the interview's analytics: the roles that watch
  // recordings, a TEAM_LEAD only for the interviews they own (lib/review/access.ts).
  "scorecards.write": ["TEAM_LEAD", "HR", "ADMIN"],
  "board.view": ["TEAM_LEAD", "HR", "ADMIN"],
  // Advance, hold or reject a session (and email the candidate about it).
  "decisions.make": ["HR", "ADMIN"],
  // The analytics of the whole company, across every interview.
  "analytics.company": ["HR", "ADMIN"],
  // Candidates' erasure requests (GDPR art. 17): seeing them and carrying one out, which deletes recordings for good.
  "erasure.manage": ["HR", "ADMIN"],
  // The company's holiday list, which business-day invite expiry skips.
  "company.holidays": ["HR", "ADMIN"],
  // Whether the company's users get an email when they sign in from a new device (a security setting).
  "company.sign_in_alerts": ["ADMIN"],
  // One's own two-factor sign-in (lib/auth/two-factor.ts): the one thing a user the company requires it of may do
  // before setting it up (lib/auth/dal.ts).
  "account.two_factor": ["EMPLOYEE", "TEAM_LEAD", "HR", "ADMIN"],
  // Whether HR and ADMIN must use two-factor sign-in, and resetting another user's (a security setting).
  "company.two_factor": ["ADMIN"],
  // The company's OpenID Connect provider, its email domains, and whether single sign-on is required (lib/auth/sso).
  "company.sso": ["ADMIN"],
  // Changing one's own password: the one thing a user whose password has expired may do first (lib/auth/dal.ts).
  "account.password": ["EMPLOYEE", "TEAM_LEAD", "HR", "ADMIN"],
  // The company's maximum password age (lib/companies/password-age.ts; a security setting, off by default).
  "company.password_age": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

export function assertCan(role: Role, action: Action): void {
  if (!can(role, action)) throw forbidden();
}
