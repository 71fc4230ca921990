"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { revokeOneSignInSession, revokeOtherSignInSessions } from "@/lib/auth/manage-sessions";
import { signOut } from "@/lib/auth/nextauth";
import { formAction } from "@/lib/http/server-action";

// Any signed-in user, for their own sessions; lib/auth/manage-sessions.ts finds them, signs them out and audits.

const SESSIONS_PATH = "/dashboard/account/sessions";

export const revokeSessionAction = formAction(
  z.object({ sessionId: z.uuid("Unknown session") }),
  "dashboard.view",
  async ({ sessionId }, { user, meta }) => {
    const { current } = await revokeOneSignInSession({ actor: user, sessionId, meta });
    // The person chose the session they are using: drop its cookie too and go to the sign-in page.
    if (current) await signOut({ redirectTo: "/login" });
    revalidatePath(SESSIONS_PATH);
    return "Session signed out.";
  },
);

export const revokeOtherSessionsAction = formAction(z.object({}), "dashboard.view", async (_data, { user, meta }) => {
  const { signedOut } = await revokeOtherSignInSessions({ actor: user, meta });
  revalidatePath(SESSIONS_PATH);
  return signedOut === 0
    ? "You had no other sessions."
    : `${signedOut} other ${signedOut === 1 ? "session was" : "sessions were"} signed out.`;
});
