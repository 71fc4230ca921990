import type { BadgeTone } from "@/components/ui/badge";

/** "LOGIN_FAILED" -> "Login failed". */
export function actionLabel(action: string): string {
  const words = action.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const TONES: Record<string, BadgeTone> = {
  LOGIN_FAILED: "danger",
  REFRESH_REUSE_DETECTED: "danger",
  USER_DEACTIVATED: "warning",
  USER_CREATED: "primary",
  USER_UPDATED: "primary",
  // A candidate asked for their data to be deleted (HR has work to do), and the deletion that cannot be undone.
  ERASURE_REQUESTED: "warning",
  ERASURE_COMPLETED: "danger",
  // A candidate asked for more time (someone has to decide), and the decision.
  EXTENSION_REQUESTED: "warning",
  EXTENSION_APPROVED: "primary",
};

/** Security warnings stand out; routine sign-ins stay quiet. */
export const actionTone = (action: string): BadgeTone => TONES[action] ?? "neutral";
