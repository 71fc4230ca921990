import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { users, userSsoIdentities } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";

// A user's link to the provider subject they first signed in as (lib/auth/sso/sign-in.ts). When the provider gives
// the address to someone new, or re-creates the person with a new subject, sign-in is refused until an ADMIN who has
// checked who is asking clears the link; the next SSO sign-in binds the new subject.

/** Of these users, the ones linked to a provider subject. */
export async function ssoLinkedUserIds(userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const db = await getDb();
  const rows = await db
    .select({ userId: userSsoIdentities.userId })
    .from(userSsoIdentities)
    .where(inArray(userSsoIdentities.userId, userIds));
  return new Set(rows.map((r) => r.userId));
}

/** Clears the link (ADMIN; the caller checks "company.sso"). Another company's user is 404. Audited SSO_IDENTITY_CLEARED. */
export async function clearSsoIdentity(input: {
  actor: { userId: string; companyId: string };
  targetUserId: string;
  meta: RequestMeta;
}): Promise<{ wasLinked: boolean }> {
  const db = await getDb();
  const wasLinked = await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.id, input.targetUserId), eq(users.companyId, input.actor.companyId)));
    if (!target) throw notFound("User");
    const removed = await tx
      .delete(userSsoIdentities)
      .where(eq(userSsoIdentities.userId, target.id))
      .returning({ issuer: userSsoIdentities.issuer, subject: userSsoIdentities.subject });
    if (removed.length === 0) return false;
    await writeAudit(tx, {
      action: "SSO_IDENTITY_CLEARED",
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "user",
      resourceId: target.id,
      details: { target_user_id: target.id, target_email: target.email, issuer: removed[0]!.issuer },
      meta: input.meta,
    });
    return true;
  });
  return { wasLinked };
}
