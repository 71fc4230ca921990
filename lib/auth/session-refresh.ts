import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { authSessions, users } from "@/db/schema";
import { getDb } from "@/lib/db";
import { forgetSignInSessions, liveSignInSessionIds } from "./sign-in-sessions";

const REFRESH_BATCH = 20;

/**
 * Sessions carry what the company asks of their user (must set up two-factor, when the password expires: SignInContext);
 * after a change their cached context is rebuilt from the database on the next request, not 30 s later.
 */
export async function refreshSessionsOf(userId: string): Promise<void> {
  const db = await getDb();
  await forgetSignInSessions(await liveSignInSessionIds(db, userId), { revoked: false });
}

/** Refreshes the cached context of every live session in the company (a company setting changed), in one query. */
export async function refreshCompanySessions(companyId: string): Promise<void> {
  const db = await getDb();
  const live = await db
    .select({ id: authSessions.id })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(users.companyId, companyId), isNull(authSessions.revokedAt)));
  // In batches: each one is rebuilt from the database, and a large company must not take every pooled connection.
  for (let i = 0; i < live.length; i += REFRESH_BATCH) {
    await forgetSignInSessions(
      live.slice(i, i + REFRESH_BATCH).map((row) => row.id),
      { revoked: false },
    );
  }
}
