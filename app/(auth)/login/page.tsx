import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { currentUser } from "@/lib/auth/dal";
import { loginAction } from "./actions";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { callbackUrl } = await searchParams;
  const redirectTo = safeRedirectPath(callbackUrl);
  if (await currentUser()) redirect(redirectTo);
  return <LoginForm action={loginAction} callbackUrl={redirectTo} />;
}
