import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { candidateTokens, companies } from "@/db/schema";
import { inviteEmail } from "@/lib/email/invite-template";
import { queueEmail } from "@/lib/email/outbox";
import { interviewUrl } from "./serialize";
import { effectiveExpiry } from "./status";

/** Queues the invite email inside the mint/resend transaction and stamps last_sent_at; deliver after commit. */
export async function queueInviteEmail(
  tx: Tx,
  input: {
    token: typeof candidateTokens.$inferSelect;
    interviewTitle: string;
    value: string;
    baseUrl: string;
    reissued: boolean;
    now: Date;
  },
): Promise<{ emailId: string } | null> {
  const { token } = input;
  if (!token.candidateEmail) return null;
  const [company] = await tx.select({ name: companies.name }).from(companies).where(eq(companies.id, token.companyId));
  const message = inviteEmail({
    candidateName: token.candidateName,
    interviewTitle: input.interviewTitle,
    companyName: company?.name ?? "",
    expiresAt: effectiveExpiry(token),
    link: interviewUrl(input.baseUrl, input.value),
    now: input.now,
    reissued: input.reissued,
  });
  const { id } = await queueEmail(tx, { companyId: token.companyId, tokenId: token.id, to: token.candidateEmail, ...message });
  await tx.update(candidateTokens).set({ lastSentAt: input.now }).where(eq(candidateTokens.id, token.id));
  return { emailId: id };
}
