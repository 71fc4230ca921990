"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { clearSsoIdentity } from "@/lib/auth/sso/identity";
import { formAction } from "@/lib/http/server-action";

// An ADMIN clears a user's link to their identity provider subject (lib/auth/sso/identity.ts), audited.

const ClearForm = z.object({ userId: z.uuid() });

export const clearSsoLinkAction = formAction(ClearForm, "company.sso", async (data, { user, meta }) => {
  const { wasLinked } = await clearSsoIdentity({ actor: user, targetUserId: data.userId, meta });
  revalidatePath("/dashboard/users");
  return wasLinked
    ? "The single sign-on link was cleared; their next company sign-in links the account again."
    : "They had no single sign-on link; nothing changed.";
});
