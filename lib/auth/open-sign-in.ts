import "server-only";
import { writeAudit } from "@/lib/audit/write";
import type { DbOrTx } from "@/lib/db";
import type { RequestMeta } from "@/lib/http/request-meta";
import { noteSignInDevice, type SignedInUser } from "./new-device";
import { createSignInSession } from "./sign-in-sessions";

/**
 * What every successful sign-in writes, in the caller's transaction: the session row, the LOGIN audit row and the
 * new-device check (audited, and an email to send after commit when the company asks for it). Password sign-in
 * (login.ts) and single sign-on (sso/sign-in.ts) both end here.
 */
export async function openSignIn(
  tx: DbOrTx,
  input: {
    user: SignedInUser;
    kind: "api" | "web";
    method: "password" | "sso";
    /** The LOGIN row's details beyond the session id: at least the channel. */
    details: { channel: string } & Record<string, unknown>;
    meta: RequestMeta;
    now: Date;
  },
) {
  const { user, kind, meta, now } = input;
  const session = await createSignInSession(tx, {
    userId: user.id,
    companyId: user.companyId,
    kind,
    method: input.method,
    meta,
    now,
  });
  await writeAudit(tx, {
    action: "LOGIN",
    companyId: user.companyId,
    userId: user.id,
    resourceType: "user",
    resourceId: user.id,
    details: { ...input.details, session_id: session.id },
    meta,
    now,
  });
  const alert = await noteSignInDevice(tx, { user, sessionId: session.id, kind, meta, now });
  return { session, alert };
}
