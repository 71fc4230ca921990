import "server-only";
import { getDb } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write";
import type { RequestMeta } from "@/lib/http/request-meta";
import { forgetSignInSessions, revokeSignInSession, type SignInContext } from "./sign-in-sessions";

/** Ends one session (API family or browser session): revoked in Postgres with its audit row, then cache tombstoned. */
export async function logout(input: { context: SignInContext; meta: RequestMeta; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const { context } = input;
  const db = await getDb();
  await db.transaction(async (tx) => {
    const wasAlive = await revokeSignInSession(tx, { sessionId: context.sessionId, reason: "logout", now });
    if (!wasAlive) return;
    await writeAudit(tx, {
      action: "LOGOUT",
      companyId: context.companyId,
      userId: context.userId,
      resourceType: "auth_session",
      resourceId: context.sessionId,
      details: { channel: context.kind },
      meta: input.meta,
      now,
    });
  });
  await forgetSignInSessions([context.sessionId], { revoked: true });
}
