"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { removeSso, saveSso, setSsoRequired } from "@/lib/auth/sso/config";
import { formAction } from "@/lib/http/server-action";

// ADMIN sets up the company's OpenID Connect provider, requires single sign-on, or removes it; lib/auth/sso/config
// checks the issuer and the domains, locks and audits. Fields are passed on as typed so that their messages come from
// one place (the library's, shown beside the field).

const PATH = "/dashboard/settings/sso";
const checkbox = z.literal("on").optional();

const ProviderForm = z.object({
  issuer: z.string().trim().max(500, "At most 500 characters"),
  client_id: z.string().trim().max(255, "At most 255 characters"),
  client_secret: z.string().max(2048, "At most 2048 characters").optional(),
  domains: z.string().max(5000, "Too long: at most 20 domains"),
  enabled: checkbox,
  jit_enabled: checkbox,
  require_email_verified: checkbox,
});

/** One domain a line, or separated by commas (or spaces, or semicolons). */
const domainList = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

export const saveSsoAction = formAction(ProviderForm, "company.sso", async (data, { user, meta }) => {
  const { created } = await saveSso({
    actor: user,
    sso: {
      issuer: data.issuer,
      clientId: data.client_id,
      clientSecret: data.client_secret,
      domains: domainList(data.domains),
      enabled: data.enabled === "on",
      jitEnabled: data.jit_enabled === "on",
      requireEmailVerified: data.require_email_verified === "on",
    },
    meta,
  });
  revalidatePath(PATH);
  const state = data.enabled === "on" ? "on" : "off";
  return created
    ? `Single sign-on is set up and ${state}. Register the redirect URI above with your provider if you have not yet.`
    : `Single sign-on settings saved; sign-in with your company is ${state}.`;
});

const RequirementForm = z.object({
  required: checkbox,
  break_glass_user_id: z.union([z.literal(""), z.uuid("Choose an admin from the list")]).optional(),
});

export const setSsoRequiredAction = formAction(RequirementForm, "company.sso", async (data, { user, meta }) => {
  const required = data.required === "on";
  const { changed, signedOut } = await setSsoRequired({
    actor: user,
    required,
    breakGlassUserId: data.break_glass_user_id || null,
    meta,
  });
  revalidatePath(PATH);
  if (!changed) return required ? "Single sign-on was already required." : "Single sign-on was already optional.";
  if (!required) return "Single sign-on is no longer required: password sign-in is allowed again.";
  const sessions = signedOut === 1 ? "1 password session was" : `${signedOut} password sessions were`;
  return `Single sign-on is now required. ${sessions} signed out.`;
});

export const removeSsoAction = formAction(z.object({}), "company.sso", async (_data, { user, meta }) => {
  const { removed } = await removeSso({ actor: user, meta });
  revalidatePath(PATH);
  return removed
    ? "Single sign-on was removed: people sign in with a password again."
    : "Single sign-on was not set up.";
});
