import type { Decision } from "@/db/schema";

// How each decision reads in the dashboard. Pure, so client components share it.

export const DECISION_LABELS: Record<Decision, string> = {
  advance: "Advance",
  hold: "Hold",
  reject: "Reject",
};

/** What each decision means for the candidate, shown beside its choice. */
export const DECISION_HINTS: Record<Decision, string> = {
  advance: "Move the candidate on to the next stage.",
  hold: "Keep the candidate waiting while the team decides.",
  reject: "End the candidate's application.",
};

/** Hold and reject need a reason on record (the database enforces it too). */
export const reasonRequired = (decision: Decision) => decision !== "advance";
