// The values of the schema's enum columns and the shapes of its JSON columns, free of drizzle: the schema builds its
// columns from them, and lib re-exports them to client components (lib/users/roles.ts, lib/interviews/status.ts,
// lib/decisions/kinds.ts, lib/scorecards/kinds.ts) without bundling the schema.

export const ROLES = ["EMPLOYEE", "TEAM_LEAD", "HR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const INTERVIEW_STATUSES = ["draft", "active", "archived"] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

export const DECISIONS = ["advance", "hold", "reject"] as const;
export type Decision = (typeof DECISIONS)[number];

export interface DecisionEmailTemplate {
  subject: string;
  body: string;
}
export type DecisionEmailTemplates = Partial<Record<Decision, DecisionEmailTemplate>>;

export const RECOMMENDATIONS = ["strong_no", "no", "yes", "strong_yes"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const SCORECARD_STATUSES = ["draft", "submitted"] as const;

/** One criterion of one answer, as a reviewer scored it: 1 to 5, or null while a draft leaves it open. */
export interface ScorecardScore {
  answer: number;
  criterion: string;
  score: number | null;
  note?: string;
}

/**
 * How an invite's expiry was chosen; the invite stores the resolved UTC instant in `expires_at` either way, so the
 * start statement never reads this. `hours`/`at` are the original two ways; the others resolve with IANA zone data
 * (lib/invites/expiry-rules.ts).
 */
export type ExpiryRule =
  | { kind: "hours"; hours: number }
  /** `time_zone`: the zone of the rule it replaced (an approved extension), so the candidate's dates stay in it. */
  | { kind: "at"; time_zone?: string }
  | { kind: "business_days"; days: number; time_zone: string }
  | { kind: "end_of_day"; date: string; time_zone: string };

export const EXTENSION_STATUSES = ["pending", "approved", "declined"] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

export const ERASURE_STATUSES = ["pending", "completed"] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];
