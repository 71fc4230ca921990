"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setMaxPasswordAge } from "@/lib/companies/password-age";
import { formAction } from "@/lib/http/server-action";

// ADMIN sets the company's maximum password age, or turns it off; lib/companies/password-age validates, locks and
// audits. The days field is passed on as typed so that its range and whole-number messages come from one place.

const Form = z.object({
  mode: z.enum(["off", "days"], { error: "Choose off or a number of days" }),
  max_password_age_days: z.string().trim().optional(),
});

export const setMaxPasswordAgeAction = formAction(Form, "company.password_age", async (data, { user, meta }) => {
  const typed = data.max_password_age_days;
  const days = data.mode === "off" ? null : typed ? Number(typed) : undefined;
  const result = await setMaxPasswordAge({ actor: user, days, meta });
  revalidatePath("/dashboard/settings");
  const state = result.days === null ? "off" : `${result.days} days`;
  return result.changed ? `Maximum password age is now ${state}.` : `Maximum password age was already ${state}.`;
});
