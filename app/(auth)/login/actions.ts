"use server";

import { AuthError } from "next-auth";
import { LoginRefused, signIn } from "@/lib/auth/nextauth";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
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
    return { email, mfa, error: refusalMessage(error) };
  }
}
