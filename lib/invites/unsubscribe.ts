import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { candidateTokens, companies, interviews } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { getKv, type RateLimitRule } from "@/lib/kv";
import { tokenIdOfUnsubscribeValue } from "./link-seal";

// A candidate stops their invite's reminders with the link in a reminder (RFC 8058 one-click, or the page a person
// opens). No sign-in: the link's value (the invite's id and its HMAC) is the proof. Stopping twice changes nothing.

/**
 * Per client address. Generous on purpose: one-click POSTs come from the mail provider's servers (one address for
 * many recipients), and the value is checked without touching the database.
 */
export const UNSUBSCRIBE_IP_RULE: RateLimitRule = { name: "reminder-unsubscribe-ip", limit: 60, windowSeconds: 60 };
/** Per invite: a person or a client pressing again and again. */
export const UNSUBSCRIBE_INVITE_RULE: RateLimitRule = {
  name: "reminder-unsubscribe-invite",
  limit: 10,
  windowSeconds: 3600,
};

const invalidLink = () =>
  new AppError("NOT_FOUND", "This unsubscribe link is not valid", { reason: "unsubscribe_link_invalid" });

async function take(rule: RateLimitRule, id: string, now: number) {
  const state = await getKv().consume(rule, id);
  if (!state.allowed) {
    throw new AppError("RATE_LIMITED", "Too many unsubscribe requests; try again later", {
      retryAfterSeconds: Math.max(1, Math.ceil((state.resetAt - now) / 1000)),
    });
  }
}

/** What the page shows before the person confirms: the interview it is about and whether reminders already stopped. */
export async function unsubscribeTarget(value: string) {
  const tokenId = tokenIdOfUnsubscribeValue(value);
  if (!tokenId) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      unsubscribedAt: candidateTokens.remindersUnsubscribedAt,
      interviewTitle: interviews.title,
      companyName: companies.name,
    })
    .from(candidateTokens)
    .innerJoin(interviews, eq(interviews.id, candidateTokens.interviewId))
    .innerJoin(companies, eq(companies.id, candidateTokens.companyId))
    .where(and(eq(candidateTokens.id, tokenId), isNull(candidateTokens.erasedAt)))
    .limit(1);
  return row ?? null;
}

/**
 * Stops the invite's reminders: the first time stamps reminders_unsubscribed_at and writes one audit row in the same
 * transaction; later calls answer the time already on record. 404 `unsubscribe_link_invalid` for a forged value, and
 * for an erased invite: its link names nobody any more, and nothing (no audit row with the client's address and
 * browser) is written about the person whose data was erased.
 */
export async function unsubscribeFromReminders(input: { value: string; meta: RequestMeta; now?: Date }) {
  const now = input.now ?? new Date();
  await take(UNSUBSCRIBE_IP_RULE, input.meta.ip ?? "unknown", now.getTime());
  const tokenId = tokenIdOfUnsubscribeValue(input.value);
  if (!tokenId) throw invalidLink();
  await take(UNSUBSCRIBE_INVITE_RULE, tokenId, now.getTime());
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [stopped] = await tx
      .update(candidateTokens)
      .set({ remindersUnsubscribedAt: now })
      .where(
        and(
          eq(candidateTokens.id, tokenId),
          isNull(candidateTokens.remindersUnsubscribedAt),
          isNull(candidateTokens.erasedAt),
        ),
      )
      .returning({ companyId: candidateTokens.companyId, interviewId: candidateTokens.interviewId });
    if (stopped) {
      await writeAudit(tx, {
        action: "INVITE_REMINDERS_UNSUBSCRIBED",
        companyId: stopped.companyId,
        userId: null,
        resourceType: "candidate_token",
        resourceId: tokenId,
        details: { interview_id: stopped.interviewId },
        meta: input.meta,
        now,
      });
      return { unsubscribedAt: now, already: false };
    }
    const [existing] = await tx
      .select({ at: candidateTokens.remindersUnsubscribedAt, erasedAt: candidateTokens.erasedAt })
      .from(candidateTokens)
      .where(eq(candidateTokens.id, tokenId));
    // A value whose invite is gone or erased (or made under another secret) names nothing.
    if (!existing?.at || existing.erasedAt) throw invalidLink();
    return { unsubscribedAt: existing.at, already: true };
  });
}
