import "server-only";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { candidateTokens, erasureRequests, interviews, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import type { InterviewActor } from "@/lib/interviews/access";
import type { ErasureListRow } from "./serialize";

export const MAX_ERASURE_PAGE = 100; // requests per page, like every other list

/**
 * One page of the company's erasure requests for HR and ADMIN: pending first (oldest first: the longest waiting is
 * the most urgent), then the completed ones, newest first.
 */
export async function listErasureRequests(
  actor: InterviewActor,
  page: { skip: number; limit: number },
): Promise<{ items: ErasureListRow[]; total: number }> {
  assertCan(actor.role, "erasure.manage");
  const db = await getDb();
  const mine = eq(erasureRequests.companyId, actor.companyId);
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        request: erasureRequests,
        interviewId: interviews.id,
        interviewTitle: interviews.title,
        candidateName: candidateTokens.candidateName,
        candidateEmail: candidateTokens.candidateEmail,
        completedByEmail: users.email,
      })
      .from(erasureRequests)
      .innerJoin(candidateTokens, eq(candidateTokens.id, erasureRequests.tokenId))
      .innerJoin(interviews, eq(interviews.id, candidateTokens.interviewId))
      .leftJoin(users, eq(users.id, erasureRequests.completedBy))
      .where(mine)
      .orderBy(
        sql`CASE WHEN ${erasureRequests.status} = 'pending' THEN 0 ELSE 1 END`,
        sql`CASE WHEN ${erasureRequests.status} = 'pending' THEN ${erasureRequests.createdAt} END ASC`,
        desc(erasureRequests.completedAt),
        asc(erasureRequests.id),
      )
      .offset(page.skip)
      .limit(Math.min(page.limit, MAX_ERASURE_PAGE)),
    db.select({ total: count() }).from(erasureRequests).where(mine),
  ]);
  return { items: rows, total: totals?.total ?? 0 };
}

export type InviteErasureState = "requested" | "erased";

/** For each invite of the list: is an erasure pending, or done? Invites with neither are absent. */
export async function inviteErasureStates({
  companyId,
  tokenIds,
}: {
  companyId: string;
  tokenIds: string[];
}): Promise<Map<string, InviteErasureState>> {
  const states = new Map<string, InviteErasureState>();
  if (tokenIds.length === 0) return states;
  const db = await getDb();
  const rows = await db
    .select({ tokenId: erasureRequests.tokenId, status: erasureRequests.status })
    .from(erasureRequests)
    .where(and(eq(erasureRequests.companyId, companyId), inArray(erasureRequests.tokenId, tokenIds)));
  for (const row of rows) {
    if (row.status === "completed") states.set(row.tokenId, "erased");
    else if (!states.has(row.tokenId)) states.set(row.tokenId, "requested");
  }
  return states;
}

/** The invite's latest erasure request, for the candidate's status page (null when none was made). */
export async function latestErasureRequest(db: DbOrTx, { tokenId }: { tokenId: string }) {
  const [row] = await db
    .select()
    .from(erasureRequests)
    .where(eq(erasureRequests.tokenId, tokenId))
    .orderBy(desc(erasureRequests.createdAt))
    .limit(1);
  return row ?? null;
}
