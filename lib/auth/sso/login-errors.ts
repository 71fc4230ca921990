import type { SsoRefusal } from "./sign-in";

// What the login page says for /login?error=<code>: our sign-in callback's refusals of a company sign-in
// (lib/auth/sso/sign-in.ts), and Auth.js's own error types (pages.error is /login). One fixed sentence each; anything
// else gets the generic one. The query value itself is never shown.

const SSO_LOGIN_ERRORS: Readonly<Record<SsoRefusal, string>> = {
  sso_invalid_token: "Your company's sign-in answered with something we could not accept. Try again.",
  sso_no_email: "Your company's sign-in did not tell us your email address. Ask your administrator.",
  sso_email_unverified:
    "Your company's sign-in did not confirm your email address is verified. Ask your administrator.",
  sso_domain: "Your company's sign-in does not cover this email address.",
  sso_inactive: "Your account is deactivated. Ask your administrator.",
  sso_no_account: "There is no account for this address yet. Ask your administrator to invite you.",
  sso_identity_mismatch:
    "This address is linked to a different identity at your company's sign-in. Ask your administrator to check it.",
};

export const SSO_LOGIN_FAILED = "Sign-in with your company failed. Try again, or ask your administrator.";

/** The sentence for the login page's `error` query parameter, or null when there is none. */
export function loginErrorMessage(value: string | string[] | undefined): string | null {
  if (value === undefined || value === "") return null;
  const code = Array.isArray(value) ? value[0] : value;
  return code !== undefined && Object.hasOwn(SSO_LOGIN_ERRORS, code)
    ? SSO_LOGIN_ERRORS[code as SsoRefusal]
    : SSO_LOGIN_FAILED;
}
