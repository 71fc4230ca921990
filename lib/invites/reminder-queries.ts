import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { inviteReminders } from "@/db/schema";

/** A reminder that went out (passed-over ones are not shown): how long before the expiry, and when. */
export interface SentReminder {
  offsetHours: number;
  sentAt: Date;
}

/** The reminders each of these invites was sent, oldest first (for the invite row and its JSON). */
export async function sentReminders(
  db: DbOrTx,
  { companyId, tokenIds }: { companyId: string; tokenIds: string[] },
): Promise<Map<string, SentReminder[]>> {
  const byToken = new Map<string, SentReminder[]>(tokenIds.map((id) => [id, []]));
  if (tokenIds.length === 0) return byToken;
  const rows = await db
    .select({
      tokenId: inviteReminders.tokenId,
      offsetHours: inviteReminders.offsetHours,
      sentAt: inviteReminders.createdAt,
    })
    .from(inviteReminders)
    .where(
      and(
        eq(inviteReminders.companyId, companyId),
        inArray(inviteReminders.tokenId, tokenIds),
        eq(inviteReminders.skipped, false),
      ),
    )
    .orderBy(asc(inviteReminders.createdAt), asc(inviteReminders.id));
  for (const { tokenId, ...reminder } of rows) byToken.get(tokenId)?.push(reminder);
  return byToken;
}
