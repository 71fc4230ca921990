import { AppError } from "@/lib/errors";
import type { SignInContext } from "./sign-in-sessions";

// The JSON API's side of the maximum password age (lib/auth/password-expiry.ts): a signed-in client whose password has
// expired may only change it, see who it is, and sign out (refresh needs no access token, so it never gets here).
// The dashboard's side is lib/auth/dal.ts.

export const PASSWORD_EXPIRED_MESSAGE = "Your password has expired; change it";

/** The routes a client whose password has expired may still call (the OpenAPI document reads this too). */
export const PASSWORD_EXPIRED_OPEN_PATHS: ReadonlySet<string> = new Set([
  "/api/v1/auth/password",
  "/api/v1/auth/logout",
  "/api/v1/auth/refresh",
  "/api/v1/users/me",
]);
// A user who must also set up two-factor is held by that gate (lib/auth/mfa-setup-gate.ts) only once the password is
// changed, as on the dashboard, so the two gates never lock anyone out together.

/** Throws 403 password_expired unless the password is current or the route is one an expired password may use. */
export function assertPasswordCurrent(context: Pick<SignInContext, "passwordExpired">, request: Request): void {
  if (!context.passwordExpired) return;
  const path = new URL(request.url).pathname.replace(/\/+$/, "");
  if (PASSWORD_EXPIRED_OPEN_PATHS.has(path)) return;
  throw new AppError("FORBIDDEN", PASSWORD_EXPIRED_MESSAGE, { reason: "password_expired" });
}
