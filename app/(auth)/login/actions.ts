"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { SSO_REQUIRED_DETAIL } from "@/lib/auth/login";
import { LoginRefused, signIn, signInWithCompany } from "@/lib/auth/nextauth";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { ssoCompanyForEmail } from "@/lib/auth/sso/config";
import { ssoLookup, SSO_LOOKUP_FORM_RULE, takeSsoLookupUnit } from "@/lib/auth/sso/lookup";
import { SsoLookupBody } from "@/lib/auth/sso/schemas";
import { AppError } from "@/lib/errors";
import { KvUnavailableError } from "@/lib/kv";
import { requestMeta } from "@/lib/http/request-meta";
import { log } from "@/lib/log";
import type { CompanySignInState } from "@/components/auth/company-sign-in";
import type { LoginState } from "@/components/auth/login-form";

function refusalMessage(error: AuthError): string {
  const code = error instanceof LoginRefused ? error.code : "invalid";
  if (code === "rate_limited") {
    const seconds = error instanceof LoginRefused ? (error.retryAfterSeconds ?? 60) : 60;
    return `Too many failed attempts. Try again in ${seconds} seconds.`;
  }
  if (code === "unavailable") return "Sign-in is temporarily unavailable. Try again shortly.";
  if (code === "mfa_required") return "Enter the code from your authenticator app.";
  if (code === "mfa_invalid") return "That code is not right, or was already used. Try the next code.";
  if (code === "sso_required") return SSO_REQUIRED_DETAIL;
  return "Invalid email or password";
}

export async function loginAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get("email") ?? "");
  try {
    await signIn("credentials", {
      email,
      password: String(formData.get("password") ?? ""),
      code: String(formData.get("code") ?? ""),
      redirectTo: safeRedirectPath(formData.get("callbackUrl")),
    });
    return {};
  } catch (error) {
    // signIn ends with Next's redirect, which is thrown and must keep travelling; only Auth.js refusals are ours.
    if (!(error instanceof AuthError)) throw error;
    // Right password, two-factor on: the form asks for the code and sends everything again with it.
    const code = error instanceof LoginRefused ? error.code : "invalid";
    const mfa =
      code === "mfa_required" || code === "mfa_invalid" || (code === "rate_limited" && Boolean(formData.get("code")));
    // Said only after the password was right: the form then offers the company button even if its lookup did not.
    return { email, mfa, sso: code === "sso_required" || undefined, error: refusalMessage(error) };
  }
}

/**
 * Whether to offer "Sign in with your company" for the address being typed: yes or no, nothing else. Counted per
 * client; past the limit, and on any failure, the answer is simply no (the password form still works).
 */
export async function ssoAvailableAction(email: string): Promise<boolean> {
  const parsed = SsoLookupBody.safeParse({ email });
  if (!parsed.success) return false;
  try {
    const { ip } = requestMeta(await headers());
    return await ssoLookup({ email: parsed.data.email, ip, rule: SSO_LOOKUP_FORM_RULE });
  } catch (error) {
    if (!(error instanceof AppError && error.code === "RATE_LIMITED"))
      log.warn("single sign-on lookup failed", { error });
    return false;
  }
}

const NO_COMPANY_SIGN_IN = "Sign-in with your company is not available for this address. Use your password instead.";

/**
 * "Sign in with your company": the company is found from the address here, on the server, never taken from the
 * client; then off to its provider (Auth.js's signIn ends with Next's redirect, which must keep travelling).
 */
export async function companySignInAction(
  _previous: CompanySignInState,
  formData: FormData,
): Promise<CompanySignInState> {
  const parsed = SsoLookupBody.safeParse({ email: String(formData.get("email") ?? "").trim() });
  if (!parsed.success) return { error: "Enter your work email address first." };
  try {
    // Counted like the lookup: the answer (a redirect or not) says the same yes or no.
    await takeSsoLookupUnit({ ip: requestMeta(await headers()).ip, rule: SSO_LOOKUP_FORM_RULE });
    const companyId = await ssoCompanyForEmail(parsed.data.email);
    if (!companyId) return { error: NO_COMPANY_SIGN_IN };
    await signInWithCompany(companyId, parsed.data.email, safeRedirectPath(formData.get("callbackUrl")));
    return {};
  } catch (error) {
    if (error instanceof AppError && error.code === "RATE_LIMITED")
      return { error: `Too many attempts. Try again in ${error.extra.retryAfterSeconds ?? 60} seconds.` };
    if (error instanceof KvUnavailableError) return { error: "Sign-in is temporarily unavailable. Try again shortly." };
    if (!(error instanceof AuthError)) throw error;
    // The provider could not be reached or its discovery document is wrong: Auth.js has logged the cause.
    return { error: "Sign-in with your company failed. Try again, or ask your administrator." };
  }
}
