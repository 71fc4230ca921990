import type { Metadata } from "next";
import { TwoFactorPanel } from "@/components/account/two-factor-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/dal";
import { pendingEnrolment, twoFactorStatus } from "@/lib/auth/two-factor";
import { confirmEnrolmentAction, disableTwoFactorAction, startEnrolmentAction } from "./actions";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function SecurityPage() {
  // The one dashboard page a user who must set up two-factor first may open (lib/auth/dal.ts).
  const user = await requireUser({ mfaSetup: "allow" });
  const status = await twoFactorStatus(user);
  const pending = status.enabled ? null : await pendingEnrolment(user);
  return (
    <>
      <PageHeader
        title="Two-factor sign-in"
        description="After your password, sign-in asks for a code from an authenticator app on your phone."
      />
      <TwoFactorPanel
        status={status}
        pending={pending && { secret: pending.secret, qrDataUrl: pending.qrDataUrl }}
        actions={{ start: startEnrolmentAction, confirm: confirmEnrolmentAction, disable: disableTwoFactorAction }}
      />
    </>
  );
}
