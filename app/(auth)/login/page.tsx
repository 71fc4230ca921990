import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { currentUser } from "@/lib/auth/dal";
import { loginErrorMessage } from "@/lib/auth/sso/login-errors";
import { companySignInAction, loginAction, ssoAvailableAction } from "./actions";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { callbackUrl, error } = await searchParams;
  const redirectTo = safeRedirectPath(callbackUrl);
  if (await currentUser()) redirect(redirectTo);
  return (
    <LoginForm
      action={loginAction}
      companyAction={companySignInAction}
      ssoAvailable={ssoAvailableAction}
      callbackUrl={redirectTo}
      // A company sign-in that was refused comes back as ?error=<code>: a fixed sentence, never the value itself.
      notice={loginErrorMessage(error)}
    />
  );
}
