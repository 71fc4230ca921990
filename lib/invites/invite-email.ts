import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { candidateTokens, companies } from "@/db/schema";
import { inviteEmail } from "@/lib/email/invite-template";
import { queueEmails, type QueuedEmail } from "@/lib/email/outbox";
import { interviewUrl } from "./serialize";
import { effectiveExpiry } from "./status";

type Token = typeof candidateTokens.$inferSelect;

interface InviteEmailContext {
  interviewTitle: string;
  baseUrl: string;
  reissued: boolean;
  now: Date;
}

/**
 * Queues the invite emails of invites of one company inside the mint transaction, in one statement whatever their
 * number; invites without a candidate email get none. Answers each email by its invite's id; `sendAllLater` after
 * the commit. The caller stamps `last_sent_at`.
 */
export async function queueInviteEmails(
  tx: Tx,
  input: InviteEmailContext & { invites: readonly { token: Token; value: string }[] },
): Promise<Map<string, QueuedEmail>> {
  const addressed = input.invites.filter(({ token }) => token.candidateEmail);
  if (addressed.length === 0) return new Map();
  const companyId = addressed[0]!.token.companyId;
  const [company] = await tx.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId));
  const queued = await queueEmails(
    tx,
    addressed.map(({ token, value }) => {
      const message = inviteEmail({
        candidateName: token.candidateName,
        interviewTitle: input.interviewTitle,
        companyName: company?.name ?? "",
        expiresAt: effectiveExpiry(token),
        link: interviewUrl(input.baseUrl, value),
        now: input.now,
        reissued: input.reissued,
      });
      return { companyId: token.companyId, tokenId: token.id, to: token.candidateEmail!, ...message };
    }),
  );
  return new Map(addressed.map(({ token }, i) => [token.id, queued[i]!]));
}

/** Queues one invite's email inside the resend transaction and stamps last_sent_at; `sendLater` after the commit. */
export async function queueInviteEmail(
  tx: Tx,
  input: InviteEmailContext & { token: Token; value: string },
): Promise<QueuedEmail | null> {
  const email = (await queueInviteEmails(tx, { ...input, invites: [input] })).get(input.token.id) ?? null;
  if (email)
    await tx.update(candidateTokens).set({ lastSentAt: input.now }).where(eq(candidateTokens.id, input.token.id));
  return email;
}
