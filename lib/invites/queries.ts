import "server-only";
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { candidateTokens, interviewSessions } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { getInterview } from "@/lib/interviews/queries";
import { sentReminders, type SentReminder } from "./reminder-queries";

export async function getInvite(
  db: DbOrTx,
  { companyId, interviewId, tokenId }: { companyId: string; interviewId: string; tokenId: string },
) {
  const [row] = await db
    .select()
    .from(candidateTokens)
    .where(
      and(
        eq(candidateTokens.id, tokenId),
        eq(candidateTokens.interviewId, interviewId),
        eq(candidateTokens.companyId, companyId),
      ),
    )
    .limit(1);
  if (!row) throw notFound("Token");
  return row;
}

/** For each invite: does it have an attempt in progress, or a completed one? And the reminders it was sent. */
export async function sessionFlags(db: DbOrTx, { companyId, tokenIds }: { companyId: string; tokenIds: string[] }) {
  const flags = new Map<string, { inProgress: boolean; completed: boolean; reminders: SentReminder[] }>(
    tokenIds.map((id) => [id, { inProgress: false, completed: false, reminders: [] }]),
  );
  if (tokenIds.length === 0) return flags;
  for (const [id, reminders] of await sentReminders(db, { companyId, tokenIds })) flags.get(id)!.reminders = reminders;
  const rows = await db
    .select({
      tokenId: interviewSessions.tokenId,
      inProgress: sql<boolean>`bool_or(${interviewSessions.status} = 'in_progress')`,
      completed: sql<boolean>`bool_or(${interviewSessions.status} = 'completed')`,
    })
    .from(interviewSessions)
    .where(and(eq(interviewSessions.companyId, companyId), inArray(interviewSessions.tokenId, tokenIds)))
    .groupBy(interviewSessions.tokenId);
  for (const row of rows)
    Object.assign(flags.get(row.tokenId)!, { inProgress: Boolean(row.inProgress), completed: Boolean(row.completed) });
  return flags;
}

export const MAX_INVITES_PAGE = 100; // invites per page, like every other list

/** One page of an interview's invites, newest first, with their session flags and the total. */
export async function listInvites(
  db: DbOrTx,
  { companyId, interviewId, skip, limit }: { companyId: string; interviewId: string; skip: number; limit: number },
) {
  const where = and(eq(candidateTokens.interviewId, interviewId), eq(candidateTokens.companyId, companyId));
  const [tokens, [totals]] = await Promise.all([
    db
      .select()
      .from(candidateTokens)
      .where(where)
      .orderBy(desc(candidateTokens.createdAt), desc(candidateTokens.id))
      .offset(skip)
      .limit(Math.min(limit, MAX_INVITES_PAGE)),
    db.select({ total: count() }).from(candidateTokens).where(where),
  ]);
  const flags = await sessionFlags(db, { companyId, tokenIds: tokens.map((t) => t.id) });
  return { items: tokens.map((token) => ({ token, sessions: flags.get(token.id)! })), total: totals?.total ?? 0 };
}

/** One page of an interview of the company (404 for any other) and its invites, as listInvites. */
export async function interviewInvites(input: { companyId: string; interviewId: string; skip: number; limit: number }) {
  const db = await getDb();
  await getInterview(db, { companyId: input.companyId, interviewId: input.interviewId });
  return listInvites(db, input);
}

/** The session flags of one invite (after a change to it, for its JSON). */
export async function inviteSessionFlags({ companyId, tokenId }: { companyId: string; tokenId: string }) {
  const flags = await sessionFlags(await getDb(), { companyId, tokenIds: [tokenId] });
  return flags.get(tokenId)!;
}
