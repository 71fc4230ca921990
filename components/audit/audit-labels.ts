import type { BadgeTone } from "@/components/ui/badge";

// Abbreviations keep their capitals in a label.
const ACRONYMS: Record<string, string> = { mfa: "MFA", ai: "AI", api: "API", csv: "CSV", sso: "SSO" };

/** "LOGIN_FAILED" -> "Login failed"; "MFA_RESET" -> "MFA reset". */
export function actionLabel(action: string): string {
  const words = action
    .toLowerCase()
    .split("_")
    .map((word) => ACRONYMS[word] ?? word)
    .join(" ");
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
  // A sign-in from a device new to the person: worth a look.
  NEW_DEVICE_SIGN_IN: "warning",
  // Two-factor sign-in removed (by the person or an admin), or a recovery code spent (the phone may be lost).
  MFA_DISABLED: "warning",
  MFA_RESET: "warning",
  MFA_RECOVERY_CODE_USED: "warning",
  MFA_ENROLLED: "primary",
  // A user's single sign-on link cleared: someone else may take the account over at the provider.
  SSO_IDENTITY_CLEARED: "warning",
};

/** Security warnings stand out; routine sign-ins stay quiet. */
export const actionTone = (action: string): BadgeTone => TONES[action] ?? "neutral";
