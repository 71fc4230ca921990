"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { revokeOneSignInSession, revokeOtherSignInSessions } from "@/lib/auth/manage-sessions";
import { formAction } from "@/lib/http/server-action";

// ADMIN, for a user of their own company; lib/auth/manage-sessions.ts looks the user up inside the ADMIN's company
// (another company's is "not found"), signs the sessions out and audits who did it.

const UserForm = z.object({ userId: z.uuid("Unknown user") });

export const revokeUserSessionAction = formAction(
  UserForm.extend({ sessionId: z.uuid("Unknown session") }),
  "users.manage",
  async ({ userId, sessionId }, { user, meta }) => {
    await revokeOneSignInSession({ actor: user, userId, sessionId, meta });
    revalidatePath(`/dashboard/users/${userId}/sessions`);
    return "Session signed out.";
  },
);

export const revokeAllUserSessionsAction = formAction(UserForm, "users.manage", async ({ userId }, { user, meta }) => {
  const { signedOut } = await revokeOtherSignInSessions({ actor: user, userId, meta });
  revalidatePath(`/dashboard/users/${userId}/sessions`);
  return signedOut === 0
    ? "There were no sessions to sign out."
    : `${signedOut} ${signedOut === 1 ? "session was" : "sessions were"} signed out.`;
});
