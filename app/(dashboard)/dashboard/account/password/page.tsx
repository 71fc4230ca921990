import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PasswordExpiredBanner } from "@/components/account/password-expired-banner";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/dal";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-limits";
import { passwordAgeOf } from "@/lib/companies/password-age";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  // The one dashboard page a user whose password has expired may open (lib/auth/dal.ts).
  const user = await requireUser({ passwordChange: "allow" });
  const age = user.passwordExpired ? await passwordAgeOf(user.userId) : null;
  return (
    <>
      <PageHeader title="Change password" description="Your own sign-in password for the dashboard and the API." />
      {age?.maxDays != null && <PasswordExpiredBanner maxDays={age.maxDays} ageDays={age.ageDays} />}
      <ChangePasswordForm
        action={changePasswordAction}
        passwordRules={{ min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }}
      />
    </>
  );
}
