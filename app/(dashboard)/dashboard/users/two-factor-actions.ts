"use server";

import { z } from "zod";
import { resetTwoFactor } from "@/lib/auth/two-factor";
import { formAction } from "@/lib/http/server-action";

// An ADMIN resets another user's two-factor sign-in (a lost phone); lib/auth/two-factor.ts keeps it to the admin's
// company and audits MFA_RESET with the target.

const ResetForm = z.object({ userId: z.uuid() });

export const resetTwoFactorAction = formAction(ResetForm, "company.two_factor", async (data, { user, meta }) => {
  const { wasOn } = await resetTwoFactor({ actor: user, targetUserId: data.userId, meta });
  return wasOn
    ? "Two-factor sign-in was reset; they set it up again at their next sign-in if required."
    : "They had no two-factor sign-in; nothing else changed.";
});
