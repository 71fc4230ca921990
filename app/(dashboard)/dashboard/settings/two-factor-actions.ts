"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setTwoFactorRequired } from "@/lib/companies/two-factor-requirement";
import { formAction } from "@/lib/http/server-action";

// ADMIN requires two-factor sign-in of HR and ADMIN, or stops; lib/companies/two-factor-requirement locks and audits.

const Form = z.object({ required: z.literal("on").optional() });

export const setTwoFactorRequiredAction = formAction(Form, "company.two_factor", async (data, { user, meta }) => {
  const { required, changed } = await setTwoFactorRequired({ actor: user, required: data.required === "on", meta });
  revalidatePath("/dashboard/settings");
  const state = required ? "required" : "optional";
  return changed
    ? `Two-factor sign-in is now ${state} for HR and admins.`
    : `Two-factor sign-in was already ${state} for HR and admins.`;
});
