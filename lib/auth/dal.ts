import "server-only";
import { forbidden as forbiddenPage, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth/nextauth";
import { forbidden, unauthorized } from "@/lib/errors";
import { can, type Action } from "./permissions";
import { loadSignInContext, type SignInContext } from "./sign-in-sessions";

// The data-access gate for pages, layouts and server actions. proxy.ts only redirects visitors with no cookie at
// all; everything that reads or writes data calls one of these first.

/** The signed-in dashboard user, or null. Memoized per request. */
export const currentUser = cache(async (): Promise<SignInContext | null> => {
  const session = await auth();
  if (!session?.sid) return null;
  const context = await loadSignInContext(session.sid);
  return context?.kind === "web" ? context : null;
});

/** Where someone the company requires two-factor of goes until it is set up. */
export const MFA_SETUP_PATH = "/dashboard/account/security";
/** Where someone whose password is older than the company's maximum age goes until they change it. */
export const PASSWORD_CHANGE_PATH = "/dashboard/account/password";

/**
 * For pages and layouts: sends anyone without a live session to the login page, anyone whose password has expired
 * (SignInContext.passwordExpired, a company setting) to change it, and anyone who must set up two-factor sign-in first
 * (SignInContext.mfaSetupRequired, a company setting) to its page. Those pages pass `{ passwordChange: "allow" }` and
 * `{ mfaSetup: "allow" }`, and the dashboard layout around them both. An expired password comes first, so the two
 * pages never send someone back and forth; two-factor set-up follows once the password is changed.
 */
export async function requireUser(
  options: { mfaSetup?: "allow"; passwordChange?: "allow" } = {},
): Promise<SignInContext> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (user.passwordExpired) {
    if (options.passwordChange !== "allow") redirect(PASSWORD_CHANGE_PATH);
  } else if (user.mfaSetupRequired && options.mfaSetup !== "allow") redirect(MFA_SETUP_PATH);
  return user;
}

/** For pages: the user when the permission matrix allows `action`, otherwise the 403 page. */
export async function requirePermission(action: Action): Promise<SignInContext> {
  const user = await requireUser();
  if (!can(user.role, action)) forbiddenPage();
  return user;
}

/** For server actions: throws AppError (401/403) rather than redirecting, so the form can show the reason. */
export async function requireActionPermission(action: Action): Promise<SignInContext> {
  const user = await currentUser();
  if (!user) throw unauthorized("Your session has ended; sign in again");
  if (!can(user.role, action)) throw forbidden("You do not have permission to do that");
  if (user.passwordExpired) {
    if (action !== "account.password") throw forbidden("Your password has expired; change it first");
  } else if (user.mfaSetupRequired && action !== "account.two_factor")
    throw forbidden("Set up two-factor sign-in first (your company requires it)");
  return user;
}
