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
};

/** Security warnings stand out; routine sign-ins stay quiet. */
export const actionTone = (action: string): BadgeTone => TONES[action] ?? "neutral";
