"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setNewDeviceEmail } from "@/lib/companies/new-device-email";
import { formAction } from "@/lib/http/server-action";

// ADMIN turns the new-device sign-in email on or off; lib/companies/new-device-email locks the company row and audits.

const Form = z.object({ enabled: z.literal("on").optional() });

export const setNewDeviceEmailAction = formAction(Form, "company.sign_in_alerts", async (data, { user, meta }) => {
  const { enabled, changed } = await setNewDeviceEmail({ actor: user, enabled: data.enabled === "on", meta });
  revalidatePath("/dashboard/settings");
  const state = enabled ? "on" : "off";
  return changed ? `New-device sign-in emails are now ${state}.` : `New-device sign-in emails were already ${state}.`;
});
