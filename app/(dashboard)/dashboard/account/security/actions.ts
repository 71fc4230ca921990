"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { requireActionPermission } from "@/lib/auth/dal";
import { confirmEnrolment, disableTwoFactor, startEnrolment } from "@/lib/auth/two-factor";
import { AppError } from "@/lib/errors";
import { formAction, type FormState } from "@/lib/http/server-action";
import { requestMeta } from "@/lib/http/request-meta";
import { log } from "@/lib/log";

// Any signed-in user, for their own account: set up two-factor sign-in, confirm it with a code (which returns the
// recovery codes, shown once), or turn it off with a current code. lib/auth/two-factor.ts holds the rules and audits.

const PAGE = "/dashboard/account/security";
const CodeForm = z.object({ code: z.string().trim().min(1, "Enter the 6-digit code from the app").max(16) });

export const startEnrolmentAction = formAction(z.object({}), "account.two_factor", async (_data, { user }) => {
  await startEnrolment(user);
  revalidatePath(PAGE);
  return "Scan the QR code with your authenticator app, then enter the code it shows.";
});

export interface ConfirmState extends FormState {
  /** The new recovery codes: in this response only, never stored in readable form. */
  recoveryCodes?: string[];
}

/** Not formAction: its answer carries the recovery codes besides a message. */
export async function confirmEnrolmentAction(_previous: ConfirmState, formData: FormData): Promise<ConfirmState> {
  try {
    const user = await requireActionPermission("account.two_factor");
    const parsed = CodeForm.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { error: "Enter the code", fieldErrors: { code: parsed.error.issues[0]!.message } };
    const { recoveryCodes } = await confirmEnrolment({
      user,
      code: parsed.data.code,
      meta: requestMeta(await headers()),
    });
    revalidatePath(PAGE);
    return { ok: true, message: "Two-factor sign-in is on.", recoveryCodes };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError) {
      const issue = error.extra.issues?.[0];
      return { error: error.message, fieldErrors: issue ? { code: issue.msg } : undefined };
    }
    log.error("two-factor confirmation failed", { error });
    return { error: "Something went wrong; nothing was changed. Try again." };
  }
}

export const disableTwoFactorAction = formAction(CodeForm, "account.two_factor", async (data, { user, meta }) => {
  await disableTwoFactor({ user, code: data.code, meta });
  revalidatePath(PAGE);
  return "Two-factor sign-in is off.";
});
