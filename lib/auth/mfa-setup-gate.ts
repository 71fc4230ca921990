import { AppError } from "@/lib/errors";
import type { SignInContext } from "./sign-in-sessions";

// The company's two-factor requirement (lib/companies/two-factor-requirement.ts) for API clients: a user it applies to
// who has not enrolled yet (SignInContext.mfaSetupRequired) may only reach what lets them enrol, as the dashboard
// sends them to its security page (lib/auth/dal.ts). Routes that stay open pass `{ mfaSetup: "allow" }`. As on the
// dashboard, an expired password comes first (lib/auth/password-expired-api.ts): this gate waits until it is changed.

export const MFA_SETUP_REQUIRED_MESSAGE = "Your company requires two-factor sign-in; set it up first";

export interface MfaSetupGateOptions {
  /** The route is one a user who must still set up two-factor may call (its status and enrolment, logout, me). */
  mfaSetup?: "allow";
}

export function assertMfaSetupDone(
  context: Pick<SignInContext, "mfaSetupRequired" | "passwordExpired">,
  options: MfaSetupGateOptions = {},
): void {
  if (context.mfaSetupRequired && !context.passwordExpired && options.mfaSetup !== "allow")
    throw new AppError("FORBIDDEN", MFA_SETUP_REQUIRED_MESSAGE, { reason: "mfa_setup_required" });
}
