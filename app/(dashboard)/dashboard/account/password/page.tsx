import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/dal";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-limits";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Change password" description="Your own sign-in password for the dashboard and the API." />
      <ChangePasswordForm
        action={changePasswordAction}
        passwordRules={{ min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }}
      />
    </>
  );
}
